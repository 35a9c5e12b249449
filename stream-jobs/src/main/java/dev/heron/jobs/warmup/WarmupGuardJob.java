package dev.heron.jobs.warmup;

import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.WarmupState;
import dev.heron.jobs.JobSettings;
import dev.heron.jobs.intake.DuplicateFilter;
import dev.heron.jobs.intake.EventIntake;
import java.time.Duration;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Warmup guardrails per sending IP: the day's cap from the IP's schedule, the day's count, and the
 * pause on bounce or complaint spikes; published to {@code heron.warmup} and {@code
 * warmup_schedules}.
 */
public final class WarmupGuardJob {
  public static final Duration COALESCE = Duration.ofSeconds(1);
  public static final Duration RECHECK = Duration.ofMinutes(1);
  private static final Duration REMEMBER_EVENT_IDS = Duration.ofDays(2);

  private final EventIntake intake;
  private final WarmupPlans plans;
  private final WarmupSinks sinks;
  private final Duration coalesce;

  public WarmupGuardJob(
      EventIntake intake, WarmupPlans plans, WarmupSinks sinks, Duration coalesce) {
    this.intake = intake;
    this.plans = plans;
    this.sinks = sinks;
    this.coalesce = coalesce;
  }

  public void build(StreamExecutionEnvironment env) {
    wire(intake.events(env), plans, sinks, coalesce);
  }

  /** The job's part after the intake, for a pipeline that shares one intake between jobs. */
  public static void wire(
      DataStream<Event> events, WarmupPlans plans, WarmupSinks sinks, Duration coalesce) {
    DataStream<WarmupState> states =
        events
            .filter(new CountsTowardWarmup())
            .name("warmup-outcomes")
            .uid("warmup-outcomes")
            .keyBy(new DuplicateFilter.ByMessage(), DuplicateFilter.KEY)
            .process(new DuplicateFilter(REMEMBER_EVENT_IDS))
            .name("warmup-dedup")
            .uid("warmup-dedup")
            .keyBy(new BySendingIp())
            .process(
                new WarmupGuardFunction(
                    plans, WarmupRules.Thresholds.standard(), coalesce, RECHECK))
            .name("warmup-guard")
            .uid("warmup-guard");
    states.sinkTo(sinks.topic()).name("heron.warmup").uid("warmup-topic-sink");
    states.sinkTo(sinks.table()).name("warmup_schedules").uid("warmup-table-sink");
  }

  public static void main(String[] args) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    JobSettings.configureCheckpoints(env, "warmup");
    new WarmupGuardJob(
            JobSettings.kafkaIntake("warmup"), new JdbcWarmupPlans(), WarmupSinks.real(), COALESCE)
        .build(env);
    env.execute("heron-warmup-guard");
  }

  /** Sends, bounces and complaints from a known sending IP. */
  static final class CountsTowardWarmup implements FilterFunction<Event> {
    @Override
    public boolean filter(Event e) {
      return e.sendingIp() != null
          && !e.sendingIp().isBlank()
          && (e.type() == EventType.SENT
              || e.type() == EventType.BOUNCED
              || e.type() == EventType.COMPLAINED);
    }
  }

  static final class BySendingIp implements KeySelector<Event, String> {
    @Override
    public String getKey(Event e) {
      return e.sendingIp();
    }
  }
}
