package dev.heron.jobs;

import dev.heron.events.Settings;
import dev.heron.jobs.insights.InsightsSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Every stream job in one Flink job on a Flink cluster: the entry class of the cluster jar. The
 * cluster's configuration decides checkpoint storage, state backend and restarts; the {@code
 * HERON_*} settings must be in the environment of the submitting client and of every TaskManager
 * (the jobs connect to the database and the broker from there).
 */
public final class ClusterPipeline {
  private ClusterPipeline() {}

  public static void main(String[] args) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.enableCheckpointing(JobSettings.getInt(Settings.CHECKPOINT_INTERVAL_MS));
    LocalPipeline.wire(
        env,
        JobSettings.pipelineIntake(),
        PipelineSinks.real(),
        LocalPipeline.Lookups.real(),
        InsightsSettings.defaults());
    env.execute(LocalPipeline.JOB_NAME);
  }
}
