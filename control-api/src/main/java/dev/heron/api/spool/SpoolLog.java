package dev.heron.api.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only log of {@link SpoolRecord}s on local disk: what the service has promised to put on
 * Kafka and has not yet seen acknowledged. Appends are written and fsync'd before they return, so a
 * record survives a kill -9 or a power cut; a reader then ships them in order and moves a cursor,
 * and segments wholly behind the cursor are deleted.
 *
 * <p>Each running service holds one <em>instance directory</em> under the base directory ({@code
 * 0}, {@code 1}, ...), locked while it runs. A restarted service takes the first unlocked one,
 * which is the one a crashed predecessor left, and ships what is in it.
 *
 * <p>In a directory: {@code lock}, {@code cursor} ({@code "segment offset"}) and segments {@code
 * NNNNNNNNNNNNNNNNNNNN.log}. A record is {@code int length, int crc32, payload} with payload {@code
 * short keyLength, key (UTF-8), value}. A torn record at the end of a segment (a crash during a
 * write that was never acknowledged to anyone) is skipped.
 */
public final class SpoolLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SpoolLog.class);

  static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
  private static final int HEADER_BYTES = 8;
  private static final int CHUNK_BYTES = 1 << 20;

  /** Every record fits in one read chunk. */
  static final int MAX_RECORD_BYTES = CHUNK_BYTES - HEADER_BYTES;

  private static final int MAX_INSTANCES = 64;
  private static final String SUFFIX = ".log";

  /** The end of the durable data: everything before {@code end} of {@code segment} is fsync'd. */
  private record Tail(long segment, long end) {}

  private final Path dir;
  private final long segmentBytes;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final ConcurrentSkipListSet<Long> segments = new ConcurrentSkipListSet<>();
  private final Object appendLock = new Object();
  private final Object appendSignal = new Object();

  private FileChannel active;
  private volatile Tail tail;
  private volatile SpoolPosition cursor;
  private volatile long appends;

  private long readSegment = -1;
  private FileChannel readChannel;

  /**
   * The one reader's chunk buffer, kept: a fresh one per read was up to 1 MiB whenever the shipper
   * was behind, each a humongous allocation for G1 (over half a 1 MiB region) that starts a
   * collection early.
   */
  private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES);

  private SpoolLog(Path dir, long segmentBytes, FileChannel lockChannel, FileLock lock)
      throws IOException {
    this.dir = dir;
    this.segmentBytes = segmentBytes;
    this.lockChannel = lockChannel;
    this.lock = lock;
    try (Stream<Path> files = Files.list(dir)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(SUFFIX))
          .map(n -> Long.parseLong(n.substring(0, n.length() - SUFFIX.length())))
          .forEach(segments::add);
    }
    long last = segments.isEmpty() ? 0 : segments.last();
    if (lock == null) {
      // A read-only view: everything on disk counts as written.
      tail = new Tail(last, segments.isEmpty() ? 0 : Files.size(segmentPath(last)));
    } else {
      // Appends always go to a fresh segment, so a torn tail is never appended after.
      long next = last + 1;
      active = openSegment(next);
      segments.add(next);
      tail = new Tail(next, 0);
    }
    cursor = readCursor();
  }

  /** Opens the first unlocked instance directory under {@code base} and locks it. */
  public static SpoolLog open(Path base) {
    return open(base, DEFAULT_SEGMENT_BYTES);
  }

  static SpoolLog open(Path base, long segmentBytes) {
    try {
      for (int i = 0; i < MAX_INSTANCES; i++) {
        Path dir = base.resolve(Integer.toString(i));
        Files.createDirectories(dir);
        FileChannel channel =
            FileChannel.open(
                dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
          lock = null;
        }
        if (lock != null) {
          return new SpoolLog(dir, segmentBytes, channel, lock);
        }
        channel.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the event spool under " + base, e);
    }
    throw new IllegalStateException(
        "every spool directory under " + base + " is locked by a running service");
  }

  /** How many records an instance directory holds beyond its cursor; it need not be unlocked. */
  public static long countPending(Path instanceDir) {
    try (SpoolLog view = new SpoolLog(instanceDir, DEFAULT_SEGMENT_BYTES, null, null)) {
      long count = 0;
      SpoolPosition at = view.cursor();
      while (true) {
        SpoolBatch batch = view.read(at, 10_000);
        if (batch.isEmpty()) {
          return count;
        }
        count += batch.records().size();
        at = batch.end();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path directory() {
    return dir;
  }

  /** Writes the records and forces them to disk; they are durable when this returns. */
  public void append(List<SpoolRecord> records) throws IOException {
    if (records.isEmpty()) {
      return;
    }
    ByteBuffer buffer = encode(records);
    synchronized (appendLock) {
      if (lock == null) {
        throw new IllegalStateException("a read-only spool view cannot be appended to");
      }
      Tail now = tail;
      long end = now.end();
      if (end >= segmentBytes) {
        active.close();
        long next = now.segment() + 1;
        active = openSegment(next);
        segments.add(next);
        now = new Tail(next, 0);
        end = 0;
      }
      while (buffer.hasRemaining()) {
        end += active.write(buffer, end);
      }
      active.force(false);
      tail = new Tail(now.segment(), end);
    }
    synchronized (appendSignal) {
      appends++;
      appendSignal.notifyAll();
    }
  }

  /** The number of appends so far, to wait on with {@link #awaitAppend}. */
  long appends() {
    return appends;
  }

  /** Waits until an append after {@code seen} or until {@code millis} passed. */
  void awaitAppend(long seen, long millis) throws InterruptedException {
    synchronized (appendSignal) {
      if (appends == seen) {
        appendSignal.wait(millis);
      }
    }
  }

  SpoolPosition cursor() {
    return cursor;
  }

  /** Up to {@code max} durable records from {@code from} on, in order. Only one thread reads. */
  SpoolBatch read(SpoolPosition from, int max) throws IOException {
    List<SpoolRecord> records = new ArrayList<>();
    SpoolPosition at = from;
    while (records.size() < max) {
      Tail now = tail;
      if (at.segment() > now.segment()) {
        break;
      }
      if (!segments.contains(at.segment())) {
        Long next = segments.higher(at.segment());
        if (next == null) {
          break;
        }
        at = new SpoolPosition(next, 0);
        continue;
      }
      long limit =
          at.segment() == now.segment() ? now.end() : Files.size(segmentPath(at.segment()));
      SpoolPosition after =
          at.offset() + HEADER_BYTES > limit ? null : readChunk(at, limit, max, records);
      if (after == null) {
        if (at.segment() >= now.segment()) {
          break;
        }
        if (at.offset() < limit) {
          LOG.warn(
              "spool segment {} ends in a torn record at {} of {} bytes: skipped",
              at.segment(),
              at.offset(),
              limit);
        }
        Long next = segments.higher(at.segment());
        if (next == null) {
          break;
        }
        at = new SpoolPosition(next, 0);
        continue;
      }
      at = after;
    }
    return new SpoolBatch(records, at);
  }

  /**
   * Reads the records of one chunk from {@code at} and returns the position after the last one;
   * null when not even one whole, valid record starts there.
   */
  private SpoolPosition readChunk(SpoolPosition at, long limit, int max, List<SpoolRecord> into)
      throws IOException {
    FileChannel channel = readChannel(at.segment());
    int size = (int) Math.min(CHUNK_BYTES, limit - at.offset());
    chunk.clear().limit(size);
    while (chunk.hasRemaining()) {
      if (channel.read(chunk, at.offset() + chunk.position()) < 0) {
        break;
      }
    }
    chunk.flip();
    long offset = at.offset();
    int read = 0;
    while (into.size() < max && chunk.remaining() >= HEADER_BYTES) {
      int start = chunk.position();
      int length = chunk.getInt();
      int crc = chunk.getInt();
      if (length < 2 || length > MAX_RECORD_BYTES || length > chunk.remaining()) {
        chunk.position(start);
        break;
      }
      byte[] payload = new byte[length];
      chunk.get(payload);
      if (crc != crc32(payload)) {
        chunk.position(start);
        break;
      }
      into.add(decode(payload));
      offset += HEADER_BYTES + length;
      read++;
    }
    return read > 0 ? new SpoolPosition(at.segment(), offset) : null;
  }

  /** Records that everything before {@code upTo} is shipped; drops segments wholly behind it. */
  void commit(SpoolPosition upTo) throws IOException {
    cursor = upTo;
    Path file = dir.resolve("cursor");
    Path temporary = dir.resolve("cursor.tmp");
    Files.writeString(temporary, upTo.segment() + " " + upTo.offset(), StandardCharsets.UTF_8);
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    for (Long segment : segments.headSet(upTo.segment())) {
      if (segment == readSegment) {
        readChannel.close();
        readChannel = null;
        readSegment = -1;
      }
      Files.deleteIfExists(segmentPath(segment));
      segments.remove(segment);
    }
  }

  private SpoolPosition readCursor() throws IOException {
    long first = segments.isEmpty() ? tail.segment() : segments.first();
    SpoolPosition start = new SpoolPosition(first, 0);
    try {
      String[] parts = Files.readString(dir.resolve("cursor"), StandardCharsets.UTF_8).split(" ");
      SpoolPosition saved = new SpoolPosition(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
      return saved.compareTo(start) > 0 ? saved : start;
    } catch (NoSuchFileException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
      return start;
    }
  }

  private FileChannel readChannel(long segment) throws IOException {
    if (segment != readSegment) {
      if (readChannel != null) {
        readChannel.close();
      }
      readChannel = FileChannel.open(segmentPath(segment), StandardOpenOption.READ);
      readSegment = segment;
    }
    return readChannel;
  }

  private FileChannel openSegment(long segment) throws IOException {
    return FileChannel.open(
        segmentPath(segment), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  private Path segmentPath(long segment) {
    return dir.resolve(String.format("%020d%s", segment, SUFFIX));
  }

  static ByteBuffer encode(List<SpoolRecord> records) {
    List<byte[]> payloads = new ArrayList<>(records.size());
    int total = 0;
    for (SpoolRecord record : records) {
      byte[] key = record.key().getBytes(StandardCharsets.UTF_8);
      if (key.length > Short.MAX_VALUE) {
        throw new IllegalArgumentException("spool key longer than " + Short.MAX_VALUE + " bytes");
      }
      int length = 2 + key.length + record.value().length;
      if (length > MAX_RECORD_BYTES) {
        throw new IllegalArgumentException(
            "spool record of " + length + " bytes exceeds " + MAX_RECORD_BYTES);
      }
      ByteBuffer payload = ByteBuffer.allocate(length);
      payload.putShort((short) key.length).put(key).put(record.value());
      payloads.add(payload.array());
      total += HEADER_BYTES + length;
    }
    ByteBuffer buffer = ByteBuffer.allocate(total);
    for (byte[] payload : payloads) {
      buffer.putInt(payload.length).putInt(crc32(payload)).put(payload);
    }
    return buffer.flip();
  }

  private static SpoolRecord decode(byte[] payload) {
    ByteBuffer in = ByteBuffer.wrap(payload);
    int keyLength = in.getShort();
    String key = new String(payload, 2, keyLength, StandardCharsets.UTF_8);
    byte[] value = new byte[payload.length - 2 - keyLength];
    System.arraycopy(payload, 2 + keyLength, value, 0, value.length);
    return new SpoolRecord(key, value);
  }

  private static int crc32(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return (int) crc.getValue();
  }

  @Override
  public void close() throws IOException {
    synchronized (appendLock) {
      if (active != null) {
        active.close();
      }
      if (readChannel != null) {
        readChannel.close();
      }
      if (lock != null) {
        lock.release();
        lockChannel.close();
      }
    }
  }
}
