package dev.heron.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetainedCheckpointsTest {
  @TempDir Path dir;

  @Test
  void noDirectoryMeansNothingToResume() {
    assertThat(RetainedCheckpoints.newest(dir.resolve("absent"))).isEmpty();
  }

  @Test
  void picksTheNewestCompletedCheckpointAcrossJobs() throws IOException {
    complete("job-a", 7, "2026-03-04T10:00:00Z");
    Path newest = complete("job-b", 2, "2026-03-04T11:00:00Z");
    complete("job-b", 1, "2026-03-04T10:30:00Z");
    Files.createDirectories(dir.resolve("job-b/chk-3")); // interrupted: no _metadata

    assertThat(RetainedCheckpoints.newest(dir)).contains(newest);
  }

  @Test
  void pruningDeletesOnlyJobsWithoutACompletedCheckpoint() throws IOException {
    Path kept = complete("job-a", 4, "2026-03-04T10:00:00Z");
    Files.createDirectories(dir.resolve("job-b/chk-1"));
    Files.createDirectories(dir.resolve("job-b/shared"));
    Files.createDirectories(dir.resolve("job-c/taskowned"));

    RetainedCheckpoints.pruneEmptyJobs(dir);

    assertThat(dir.resolve("job-b")).doesNotExist();
    assertThat(dir.resolve("job-c")).doesNotExist();
    assertThat(RetainedCheckpoints.newest(dir)).contains(kept);
  }

  @Test
  void pruningOlderRunsKeepsTheNewestOnes() throws IOException {
    complete("run-1", 3, "2026-03-04T09:00:00Z");
    Path second = complete("run-2", 9, "2026-03-04T10:00:00Z");
    complete("run-2", 8, "2026-03-04T09:59:00Z");
    Path third = complete("run-3", 2, "2026-03-04T11:00:00Z");

    RetainedCheckpoints.pruneOlderRuns(dir, 2);

    assertThat(dir.resolve("run-1")).doesNotExist();
    assertThat(second).exists();
    assertThat(RetainedCheckpoints.newest(dir)).contains(third);
  }

  private Path complete(String job, int number, String at) throws IOException {
    Path checkpoint = Files.createDirectories(dir.resolve(job).resolve("chk-" + number));
    Path metadata = Files.writeString(checkpoint.resolve("_metadata"), "x");
    Files.setLastModifiedTime(metadata, FileTime.from(Instant.parse(at)));
    return checkpoint;
  }
}
