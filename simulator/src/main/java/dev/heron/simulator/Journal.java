package dev.heron.simulator;

import dev.heron.events.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the simulator did, of one kind: appended as JSON lines to a file (so that another process,
 * such as the end-to-end test, can read it) and kept in memory for the last {@code capacity}
 * entries (so that a test in the same JVM can ask). Entries are numbered by their position in
 * everything ever appended, so that a reader polling often can take only what came since its last
 * look ({@link #since}) instead of copying the whole memory each time.
 */
public final class Journal<T> implements Consumer<T>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

  private final Path file;
  private final BufferedWriter writer;
  private final int capacity;
  private final Deque<T> recent = new ArrayDeque<>();
  private long appended;
  private boolean closed;

  /**
   * The entries appended from one position on.
   *
   * @param entries those still in memory, oldest first
   * @param next the position to ask from next time (the count of entries ever appended)
   * @param missed entries from the asked position on that had already left the memory
   */
  public record Since<T>(List<T> entries, long next, long missed) {}

  public Journal(Path file, int capacity) throws IOException {
    this.file = file;
    this.capacity = capacity;
    Files.createDirectories(file.toAbsolutePath().getParent());
    this.writer =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  public Path file() {
    return file;
  }

  @Override
  public synchronized void accept(T entry) {
    recent.addLast(entry);
    appended++;
    if (recent.size() > capacity) {
      recent.removeFirst();
    }
    if (closed) {
      return; // a request that was still in flight when the simulator stopped
    }
    try {
      writer.write(Json.writeString(entry));
      writer.newLine();
      writer.flush();
    } catch (IOException e) {
      LOG.warn("journal {}: cannot append: {}", file, e.getMessage());
    }
  }

  /** The most recent entries, oldest first. */
  public synchronized List<T> recent() {
    return new ArrayList<>(recent);
  }

  /** How many entries were ever appended: the position from which {@link #since} reads. */
  public synchronized long appended() {
    return appended;
  }

  /**
   * The entries appended at or after {@code position} (a value of {@link #appended()} or {@link
   * Since#next()}); costs the number of those entries, not the size of the memory.
   */
  public synchronized Since<T> since(long position) {
    if (position < 0) {
      throw new IllegalArgumentException("position must not be negative: " + position);
    }
    long held = recent.size();
    long firstHeld = appended - held;
    int wanted = (int) Math.min(held, Math.max(0, appended - position));
    List<T> entries = new ArrayList<>(wanted);
    Iterator<T> newestFirst = recent.descendingIterator();
    for (int i = 0; i < wanted; i++) {
      entries.add(newestFirst.next());
    }
    Collections.reverse(entries);
    return new Since<>(entries, appended, Math.max(0, firstHeld - position));
  }

  @Override
  public synchronized void close() {
    closed = true;
    try {
      writer.close();
    } catch (IOException e) {
      LOG.warn("journal {}: cannot close: {}", file, e.getMessage());
    }
  }
}
