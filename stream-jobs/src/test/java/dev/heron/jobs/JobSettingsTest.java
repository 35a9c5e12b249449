package dev.heron.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.Settings;
import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSettingsTest {
  @TempDir Path home;

  @BeforeEach
  void homeHere() {
    System.setProperty(Settings.HOME, home.toString());
  }

  @AfterEach
  void homeBack() {
    System.clearProperty(Settings.HOME);
  }

  @Test
  void aJobOnALocalMiniClusterCheckpointsToFilesOfItsOwnUnderTheHome() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment();

    JobSettings.configureCheckpoints(env, "reputation");

    assertThat(env.getCheckpointConfig().isCheckpointingEnabled()).isTrue();
    assertThat(env.getConfiguration().get(CheckpointingOptions.CHECKPOINT_STORAGE))
        .isEqualTo("filesystem");
    assertThat(env.getConfiguration().get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
        .isEqualTo(home.resolve("job-checkpoints/reputation").toAbsolutePath().toUri().toString());
  }

  @Test
  void aJobOnAClusterLeavesTheStorageToTheCluster() {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment(new Configuration());

    JobSettings.configureCheckpoints(env, "reputation");

    assertThat(env.getCheckpointConfig().isCheckpointingEnabled()).isTrue();
    assertThat(env.getConfiguration().getOptional(CheckpointingOptions.CHECKPOINT_STORAGE))
        .isEmpty();
    assertThat(env.getConfiguration().getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
        .isEmpty();
  }
}
