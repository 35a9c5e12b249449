package dev.heron.jobs.reputation;

import dev.heron.events.IpScore;
import dev.heron.events.Settings;
import dev.heron.jobs.storage.JdbcSinks;
import dev.heron.jobs.storage.JobQueries;
import dev.heron.sql.NamedQueries;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * Where scores go: the compacted topic the senders read live, the {@code ip_reputation} snapshots
 * and the {@code ip_reputation_current} row per IP and provider.
 */
public record ReputationSinks(Sink<IpScore> topic, Sink<IpScore> snapshots, Sink<IpScore> current) {

  public static ReputationSinks real() {
    return withTopic(topicSink());
  }

  /** The database sinks, with the scores published to {@code topic}. */
  public static ReputationSinks withTopic(Sink<IpScore> topic) {
    NamedQueries sql = JobQueries.load();
    return new ReputationSinks(
        topic,
        JdbcSinks.batched(
            sql.get(JobQueries.UPSERT_IP_REPUTATION),
            new IpScoreBinder(),
            JdbcSinks.Batching.upserts()),
        JdbcSinks.batched(
            sql.get(JobQueries.UPSERT_IP_REPUTATION_CURRENT),
            new IpScoreBinder(),
            JdbcSinks.Batching.upserts()));
  }

  public static Sink<IpScore> topicSink() {
    return KafkaSink.<IpScore>builder()
        .setBootstrapServers(Settings.get(Settings.KAFKA_BOOTSTRAP))
        .setRecordSerializer(new IpScoreSerializer())
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }
}
