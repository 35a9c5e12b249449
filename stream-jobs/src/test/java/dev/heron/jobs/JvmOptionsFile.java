package dev.heron.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The options {@code bin/heron up} starts the stream jobs' JVM with, read from the module's {@code
 * heron-jvm.options}, for tests that start the pipeline or a Flink cluster as processes of their
 * own; each test gives its heap size after them.
 */
final class JvmOptionsFile {
  private JvmOptionsFile() {}

  static List<String> options() throws IOException {
    try (InputStream in = JvmOptionsFile.class.getResourceAsStream("/heron-jvm.options")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .toList();
    }
  }
}
