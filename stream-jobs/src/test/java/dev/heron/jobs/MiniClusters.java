package dev.heron.jobs;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** One small MiniCluster per test class: starting one is the slow part of a job test. */
public final class MiniClusters {
  private MiniClusters() {}

  public static MiniClusterExtension twoSlots() {
    return new MiniClusterExtension(
        new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());
  }
}
