package dev.heron.jobs;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The options {@code bin/heron up} starts the stream jobs' JVM with, the module's {@code
 * heron-jvm.options}, for tests that start the pipeline or a Flink cluster as processes of their
 * own: an argument the java launcher expands itself ({@code @file}; its # lines are comments). Each
 * test gives its heap size after it.
 */
final class JvmOptionsFile {
  private JvmOptionsFile() {}

  static String argument() {
    try {
      return "@" + Path.of(JvmOptionsFile.class.getResource("/heron-jvm.options").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("heron-jvm.options is not a file", e);
    }
  }
}
