package dev.heron.jobs;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The options {@code bin/heron up} starts the stream jobs' JVM with, the module's {@code
 * heron-jvm.options}, for tests that start the pipeline or a Flink cluster as processes of their
 * own: an argument the java launcher expands itself ({@code @file}; its # lines are comments). Each
 * test gives its heap size after it. The source file, not the class path's copy: the integration
 * tests read the module's jar, whose entries are no files.
 */
final class JvmOptionsFile {
  /** Tests run in the module's directory. */
  private static final Path FILE = Path.of("src/main/resources/heron-jvm.options").toAbsolutePath();

  private JvmOptionsFile() {}

  static String argument() {
    if (!Files.isRegularFile(FILE)) {
      throw new IllegalStateException(FILE + " is missing: tests run in the stream-jobs module");
    }
    return "@" + FILE;
  }
}
