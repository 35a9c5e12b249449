package dev.heron.jobs.insights;

import dev.heron.events.Event;
import dev.heron.jobs.JobSettings;
import dev.heron.jobs.intake.DuplicateFilter;
import dev.heron.jobs.intake.EventIntake;
import dev.heron.jobs.storage.JdbcSinks;
import dev.heron.jobs.storage.JobQueries;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code heron.events} into {@code insight_buckets_hourly}: events are de-duplicated per message,
 * turned into bucket changes, summed per bucket, and each bucket's absolute totals are upserted.
 */
public final class InsightsJob {
  private final EventIntake intake;
  private final Sink<InsightRow> rows;
  private final InsightsSettings settings;

  public InsightsJob(EventIntake intake, Sink<InsightRow> rows, InsightsSettings settings) {
    this.intake = intake;
    this.rows = rows;
    this.settings = settings;
  }

  public void build(StreamExecutionEnvironment env) {
    wire(intake.events(env), rows, settings);
  }

  /**
   * The job's part after the intake, for a pipeline that shares one intake between jobs.
   *
   * @return every campaign event once (the first time its event id is seen), de-duplicated here
   */
  public static DataStream<Event> wire(
      DataStream<Event> events, Sink<InsightRow> rows, InsightsSettings settings) {
    SingleOutputStreamOperator<BucketDelta> deltas =
        events
            .filter(new HasCampaign())
            .name("campaign-events")
            .uid("insights-campaign-events")
            .keyBy(new DuplicateFilter.ByMessage(), DuplicateFilter.KEY)
            .process(
                new MessageEngagementFunction(settings.seenEventsTtl(), settings.firstTouchTtl()))
            .name("message-engagement")
            .uid("insights-message-engagement");
    deltas
        .transform(
            "bucket-delta-combiner",
            TypeInformation.of(BucketDelta.class),
            new BucketDeltaCombiner(settings.combine().toMillis()))
        .uid("insights-bucket-delta-combiner")
        .keyBy(new Keys.ByBucket())
        .process(new BucketTotalsFunction(settings.coalesce(), settings.bucketTtl()))
        .name("bucket-totals")
        .uid("insights-bucket-totals")
        .sinkTo(rows)
        .name("insight-buckets-hourly")
        .uid("insights-sink");
    return deltas.getSideOutput(MessageEngagementFunction.FIRST_SIGHTINGS);
  }

  /** The upserting sink into {@code insight_buckets_hourly}. */
  public static Sink<InsightRow> tableSink() {
    return JdbcSinks.batched(
        JobQueries.load().get(JobQueries.UPSERT_INSIGHT_BUCKET),
        new InsightRowBinder(),
        JdbcSinks.Batching.upserts());
  }

  public static void main(String[] args) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    JobSettings.configureCheckpoints(env, "insights");
    new InsightsJob(JobSettings.kafkaIntake("insights"), tableSink(), InsightsSettings.defaults())
        .build(env);
    env.execute("heron-insights");
  }
}
