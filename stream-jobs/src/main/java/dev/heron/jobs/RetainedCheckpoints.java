package dev.heron.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The checkpoints a previous run left under the checkpoint directory ({@code <dir>/<job
 * id>/chk-<n>/_metadata}). Flink writes {@code _metadata} last, so a checkpoint interrupted by a
 * crash has none and is never picked.
 */
public final class RetainedCheckpoints {
  private static final String METADATA = "_metadata";

  private RetainedCheckpoints() {}

  /** The newest completed checkpoint, to resume from. */
  public static Optional<Path> newest(Path directory) {
    return completed(directory).stream()
        .max(
            Comparator.comparing(RetainedCheckpoints::completedAt)
                .thenComparingLong(RetainedCheckpoints::number));
  }

  /** Every completed checkpoint under {@code directory}. */
  public static List<Path> completed(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> jobs = Files.list(directory)) {
      return jobs.filter(Files::isDirectory).flatMap(RetainedCheckpoints::checkpointsOf).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + directory, e);
    }
  }

  /**
   * Deletes the job directories that hold no completed checkpoint: what a crashed run left behind,
   * or a run whose restored checkpoint Flink has since replaced.
   */
  public static void pruneEmptyJobs(Path directory) {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (Stream<Path> jobs = Files.list(directory)) {
      for (Path job : jobs.filter(Files::isDirectory).toList()) {
        if (checkpointsOf(job).findAny().isEmpty()) {
          deleteTree(job);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prune checkpoints in " + directory, e);
    }
  }

  /**
   * Deletes the job directories of all but the {@code keep} newest runs: each crash leaves its last
   * checkpoint behind, and only the newest is resumed from (the one before stays as a fallback for
   * a person to resume from by hand).
   */
  public static void pruneOlderRuns(Path directory, int keep) {
    List<Path> runs =
        completed(directory).stream()
            .sorted(
                Comparator.comparing(RetainedCheckpoints::completedAt)
                    .thenComparingLong(RetainedCheckpoints::number)
                    .reversed())
            .map(Path::getParent)
            .distinct()
            .toList();
    try {
      for (Path run : runs.subList(Math.min(keep, runs.size()), runs.size())) {
        deleteTree(run);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prune checkpoints in " + directory, e);
    }
  }

  private static Stream<Path> checkpointsOf(Path job) {
    try (Stream<Path> children = Files.list(job)) {
      return children
          .filter(p -> p.getFileName().toString().startsWith("chk-"))
          .filter(p -> Files.isRegularFile(p.resolve(METADATA)))
          .toList()
          .stream();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + job, e);
    }
  }

  private static FileTime completedAt(Path checkpoint) {
    try {
      return Files.getLastModifiedTime(checkpoint.resolve(METADATA));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long number(Path checkpoint) {
    String name = checkpoint.getFileName().toString().substring("chk-".length());
    try {
      return Long.parseLong(name);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
