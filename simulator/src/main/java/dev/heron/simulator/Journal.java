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
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the simulator did, of one kind: appended as JSON lines to a file (so that another process,
 * such as the end-to-end test, can read it) and kept in memory for the last {@code capacity}
 * entries (so that a test in the same JVM can ask).
 */
public final class Journal<T> implements Consumer<T>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

  private final Path file;
  private final BufferedWriter writer;
  private final int capacity;
  private final Deque<T> recent = new ArrayDeque<>();
  private boolean closed;

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
