package dev.heron.jobs.reputation;

import dev.heron.events.Event;
import dev.heron.events.IpScore;
import dev.heron.jobs.JobSettings;
import dev.heron.jobs.intake.DuplicateFilter;
import dev.heron.jobs.intake.EventIntake;
import java.time.Duration;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Rolling 24-hour reputation per sending IP and mailbox provider, published to {@code
 * heron.ip-scores} for the senders and to {@code ip_reputation} for people.
 */
public final class ReputationJob {
  /** How long a score's changes gather before it is published. */
  public static final Duration COALESCE = Duration.ofSeconds(1);

  private static final Duration REMEMBER_EVENT_IDS = Duration.ofDays(2);

  private final EventIntake intake;
  private final ReputationSinks sinks;
  private final Duration coalesce;

  public ReputationJob(EventIntake intake, ReputationSinks sinks, Duration coalesce) {
    this.intake = intake;
    this.sinks = sinks;
    this.coalesce = coalesce;
  }

  public void build(StreamExecutionEnvironment env) {
    wire(intake.events(env), sinks, coalesce);
  }

  /** The job's part after the intake, de-duplicating every event it counts itself. */
  public static void wire(DataStream<Event> events, ReputationSinks sinks, Duration coalesce) {
    score(firstSightings(events.filter(new BearsOnReputation())), sinks, coalesce);
  }

  /**
   * The job's part after the intake, for a pipeline whose Insights already de-duplicates campaign
   * events per message: those come from {@code firstSightingsOfCampaignEvents} (the side output of
   * Insights), and only the events without a campaign are de-duplicated here. One state per message
   * and one shuffle of every outcome fewer than {@link #wire(DataStream, ReputationSinks,
   * Duration)}. A campaign event's duplicate is recognised for as long as Insights remembers event
   * ids (7 days by default) rather than this job's own two days, so one that comes back later is
   * not counted twice either.
   */
  public static void wire(
      DataStream<Event> events,
      DataStream<Event> firstSightingsOfCampaignEvents,
      ReputationSinks sinks,
      Duration coalesce) {
    DataStream<Event> campaignOutcomes =
        firstSightingsOfCampaignEvents
            .filter(new BearsOnReputation())
            .name("campaign-ip-outcomes")
            .uid("reputation-campaign-ip-outcomes");
    DataStream<Event> otherOutcomes =
        firstSightings(events.filter(new BearsOnReputationWithoutCampaign()));
    score(campaignOutcomes.union(otherOutcomes), sinks, coalesce);
  }

  private static DataStream<Event> firstSightings(SingleOutputStreamOperator<Event> outcomes) {
    return outcomes
        .name("ip-outcomes")
        .uid("reputation-ip-outcomes")
        .keyBy(new DuplicateFilter.ByMessage(), DuplicateFilter.KEY)
        .process(new DuplicateFilter(REMEMBER_EVENT_IDS))
        .name("reputation-dedup")
        .uid("reputation-dedup");
  }

  private static void score(DataStream<Event> outcomes, ReputationSinks sinks, Duration coalesce) {
    DataStream<IpScore> scores =
        outcomes
            .keyBy(new ByIpAndProvider())
            .process(new ReputationFunction(coalesce, ReputationRules.Prior.standard()))
            .name("ip-reputation")
            .uid("reputation-scores");
    scores.sinkTo(sinks.topic()).name("heron.ip-scores").uid("reputation-topic-sink");
    scores.sinkTo(sinks.snapshots()).name("ip_reputation").uid("reputation-snapshot-sink");
    scores.sinkTo(sinks.current()).name("ip_reputation_current").uid("reputation-current-sink");
  }

  public static void main(String[] args) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    JobSettings.configureCheckpoints(env, "reputation");
    new ReputationJob(JobSettings.kafkaIntake("reputation"), ReputationSinks.real(), COALESCE)
        .build(env);
    env.execute("heron-reputation");
  }

  /** Delivery outcomes and complaints from a known sending IP. */
  static final class BearsOnReputation implements FilterFunction<Event> {
    @Override
    public boolean filter(Event event) {
      return ReputationRules.keyOf(event).isPresent();
    }
  }

  /** As {@link BearsOnReputation}, for the events Insights does not de-duplicate. */
  static final class BearsOnReputationWithoutCampaign implements FilterFunction<Event> {
    @Override
    public boolean filter(Event event) {
      return event.campaignId() == null && ReputationRules.keyOf(event).isPresent();
    }
  }

  static final class ByIpAndProvider implements KeySelector<Event, String> {
    @Override
    public String getKey(Event event) {
      return ReputationRules.keyOf(event).orElseThrow();
    }
  }
}
