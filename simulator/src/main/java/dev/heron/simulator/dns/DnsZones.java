package dev.heron.simulator.dns;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The records the simulator holds, read from RFC 1035 master files: the built-in world and any
 * {@code *.zone} file in an extra directory (where DKIM keys of sender identities are published at
 * run time). The extra directory is read again when a file in it changes, so a key published after
 * start is served without a restart.
 */
public final class DnsZones {
  private static final Logger LOG = LoggerFactory.getLogger(DnsZones.class);
  private static final long RESCAN_NANOS = 1_000_000_000L;

  /** The built-in world, a classpath resource. */
  public static final String WORLD_RESOURCE = "/simulator/world.zone";

  private final Map<Name, Map<Integer, List<Record>>> builtIn;
  private final Optional<Path> extraDirectory;
  private volatile Snapshot current;

  private record Snapshot(
      long stamp, long checkedAtNanos, Map<Name, Map<Integer, List<Record>>> records) {}

  /** What a query gets: a response code, the answer records and, for a negative answer, the SOA. */
  public record Answer(int rcode, List<Record> answers, List<Record> authority) {}

  private DnsZones(Map<Name, Map<Integer, List<Record>>> builtIn, Optional<Path> extraDirectory) {
    this.builtIn = builtIn;
    this.extraDirectory = extraDirectory;
    this.current = new Snapshot(Long.MIN_VALUE, System.nanoTime() - RESCAN_NANOS, builtIn);
  }

  /** The built-in world plus the zone files found in {@code extraDirectory}, when given. */
  public static DnsZones load(Optional<Path> extraDirectory) {
    Map<Name, Map<Integer, List<Record>>> records = new HashMap<>();
    try (InputStream in = DnsZones.class.getResourceAsStream(WORLD_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + WORLD_RESOURCE);
      }
      readMasterFile(new Master(in, Name.root), records);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + WORLD_RESOURCE, e);
    }
    return new DnsZones(records, extraDirectory);
  }

  /** Answers one question, authoritatively, from what is held and nothing else. */
  public Answer answer(Name name, int type) {
    Map<Name, Map<Integer, List<Record>>> records = records();
    Map<Integer, List<Record>> atName = records.get(name);
    if (atName == null) {
      return new Answer(Rcode.NXDOMAIN, List.of(), soaAbove(name, records));
    }
    List<Record> matching = new ArrayList<>();
    if (type == Type.ANY) {
      atName.values().forEach(matching::addAll);
    } else {
      List<Record> exact = atName.get(type);
      if (exact != null) {
        matching.addAll(exact);
      } else if (atName.containsKey(Type.CNAME)) {
        matching.addAll(atName.get(Type.CNAME));
      }
    }
    List<Record> authority = matching.isEmpty() ? soaAbove(name, records) : List.of();
    return new Answer(Rcode.NOERROR, matching, authority);
  }

  private static List<Record> soaAbove(Name name, Map<Name, Map<Integer, List<Record>>> records) {
    for (int labels = name.labels(); labels > 1; labels--) {
      Name candidate = new Name(name, name.labels() - labels);
      Map<Integer, List<Record>> atCandidate = records.get(candidate);
      if (atCandidate != null && atCandidate.containsKey(Type.SOA)) {
        return atCandidate.get(Type.SOA);
      }
    }
    return List.of();
  }

  private Map<Name, Map<Integer, List<Record>>> records() {
    Snapshot snapshot = current;
    long now = System.nanoTime();
    if (extraDirectory.isEmpty() || now - snapshot.checkedAtNanos() < RESCAN_NANOS) {
      return snapshot.records();
    }
    // Re-read the extra zone files at most once a second, and only when one of them changed.
    List<Path> files = zoneFiles(extraDirectory.get());
    long stamp = stampOf(files);
    snapshot =
        new Snapshot(stamp, now, snapshot.stamp() == stamp ? snapshot.records() : merged(files));
    current = snapshot;
    return snapshot.records();
  }

  private Map<Name, Map<Integer, List<Record>>> merged(List<Path> files) {
    Map<Name, Map<Integer, List<Record>>> merged = new HashMap<>();
    builtIn.forEach((name, byType) -> merged.put(name, new LinkedHashMap<>(byType)));
    for (Path file : files) {
      try (Master master = new Master(file.toString(), Name.root)) {
        readMasterFile(master, merged);
      } catch (IOException | RuntimeException e) {
        // One broken file must not take the whole world's DNS down; say which file and why.
        LOG.warn("skipping zone file {}: {}", file, e.getMessage());
      }
    }
    return merged;
  }

  private static void readMasterFile(Master master, Map<Name, Map<Integer, List<Record>>> into)
      throws IOException {
    for (Record record = master.nextRecord(); record != null; record = master.nextRecord()) {
      into.computeIfAbsent(record.getName(), n -> new LinkedHashMap<>())
          .merge(record.getType(), List.of(record), DnsZones::concat);
    }
  }

  private static List<Record> concat(List<Record> a, List<Record> b) {
    List<Record> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  private static List<Path> zoneFiles(Path directory) {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return files;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.zone")) {
      stream.forEach(files::add);
    } catch (IOException e) {
      return List.of();
    }
    files.sort(null);
    return files;
  }

  private static long stampOf(List<Path> files) {
    long stamp = files.size();
    for (Path file : files) {
      try {
        stamp = 31 * stamp + Files.getLastModifiedTime(file).toMillis() + Files.size(file);
        stamp = 31 * stamp + file.getFileName().hashCode();
      } catch (IOException e) {
        stamp = 31 * stamp;
      }
    }
    return stamp;
  }
}
