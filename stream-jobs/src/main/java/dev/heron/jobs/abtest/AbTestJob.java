package dev.heron.jobs.abtest;

import dev.heron.events.Event;
import dev.heron.events.Settings;
import dev.heron.jobs.JobSettings;
import dev.heron.jobs.intake.DuplicateFilter;
import dev.heron.jobs.intake.EventIntake;
import dev.heron.jobs.storage.JdbcSinks;
import dev.heron.jobs.storage.JobQueries;
import java.time.Duration;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A/B winners: per test, variant tallies of its metric, decided, written to {@code ab_tests} and
 * published on {@code heron.ab-decisions}.
 */
public final class AbTestJob {
  public static final Duration COALESCE = Duration.ofSeconds(1);
  public static final Duration RECHECK = Duration.ofMinutes(1);
  private static final Duration REMEMBER_MESSAGES = Duration.ofDays(30);

  private final EventIntake intake;
  private final AbTestPlans plans;
  private final Sink<AbDecision> table;
  private final Sink<AbDecision> topic;

  public AbTestJob(
      EventIntake intake, AbTestPlans plans, Sink<AbDecision> table, Sink<AbDecision> topic) {
    this.intake = intake;
    this.plans = plans;
    this.table = table;
    this.topic = topic;
  }

  public void build(StreamExecutionEnvironment env) {
    wire(intake.events(env), plans, table, topic);
  }

  /**
   * The job's part after the intake, for a pipeline that shares one intake between jobs: decisions
   * into {@code ab_tests} and onto {@code heron.ab-decisions}.
   */
  public static void wire(
      DataStream<Event> events, AbTestPlans plans, Sink<AbDecision> table, Sink<AbDecision> topic) {
    DataStream<AbDecision> decisions = decide(events, plans);
    decisions.sinkTo(table).name("ab_tests").uid("abtest-sink");
    decisions.sinkTo(topic).name("heron.ab-decisions").uid("abtest-topic");
  }

  private static DataStream<AbDecision> decide(DataStream<Event> events, AbTestPlans plans) {
    return events
        .filter(new CountsInAbTests())
        .name("ab-touches")
        .uid("abtest-touches")
        .keyBy(new DuplicateFilter.ByMessage(), DuplicateFilter.KEY)
        .process(new FirstTouchPerMessage(REMEMBER_MESSAGES))
        .name("ab-first-touch")
        .uid("abtest-first-touch")
        .keyBy(new ByCampaign())
        .process(new AbTestFunction(plans, COALESCE, RECHECK))
        .name("ab-decision")
        .uid("abtest-decision");
  }

  public static Sink<AbDecision> tableSink() {
    return JdbcSinks.batched(
        JobQueries.load().get(JobQueries.DECIDE_AB_TEST),
        new AbDecisionBinder(),
        JdbcSinks.Batching.upserts());
  }

  public static Sink<AbDecision> topicSink() {
    return KafkaSink.<AbDecision>builder()
        .setBootstrapServers(Settings.get(Settings.KAFKA_BOOTSTRAP))
        .setRecordSerializer(new AbDecisionSerializer())
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }

  public static void main(String[] args) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    JobSettings.configureCheckpoints(env, "abtest");
    new AbTestJob(
            JobSettings.kafkaIntake("abtest"), new JdbcAbTestPlans(), tableSink(), topicSink())
        .build(env);
    env.execute("heron-ab-tests");
  }

  /** Campaign events of the kinds a test can count. */
  static final class CountsInAbTests implements FilterFunction<Event> {
    @Override
    public boolean filter(Event e) {
      return e.campaignId() != null && FirstTouchPerMessage.kindOf(e) != null;
    }
  }

  static final class ByCampaign implements KeySelector<VariantTouch, String> {
    @Override
    public String getKey(VariantTouch touch) {
      return touch.campaignId();
    }
  }
}
