package dev.heron.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The options {@code bin/heron up} starts the stream jobs' JVM with — the repository's {@code
 * jvm.options}, which every Heron JVM gets, then the module's {@code heron-jvm.options} — for tests
 * that start the pipeline or a Flink cluster as processes of their own: arguments the java launcher
 * expands itself ({@code @file}; their # lines are comments). Each test gives its heap size after
 * them. The source files, not the class path's copy: the integration tests read the module's jar,
 * whose entries are no files.
 */
final class JvmOptionsFiles {
  /** Tests run in the module's directory. */
  private static final List<Path> FILES =
      List.of(
          Path.of("../jvm.options").toAbsolutePath().normalize(),
          Path.of("src/main/resources/heron-jvm.options").toAbsolutePath());

  private JvmOptionsFiles() {}

  static List<String> arguments() {
    for (Path file : FILES) {
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException(file + " is missing: tests run in the stream-jobs module");
      }
    }
    return FILES.stream().map(file -> "@" + file).toList();
  }
}
