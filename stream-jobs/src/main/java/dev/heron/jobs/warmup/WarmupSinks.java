package dev.heron.jobs.warmup;

import dev.heron.events.Settings;
import dev.heron.events.WarmupState;
import dev.heron.jobs.storage.JdbcSinks;
import dev.heron.jobs.storage.JobQueries;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/** Where warmup states go: {@code heron.warmup} for the senders, {@code warmup_schedules}. */
public record WarmupSinks(Sink<WarmupState> topic, Sink<WarmupState> table) {

  public static WarmupSinks real() {
    return new WarmupSinks(topicSink(), tableSink());
  }

  public static Sink<WarmupState> tableSink() {
    return JdbcSinks.batched(
        JobQueries.load().get(JobQueries.UPDATE_WARMUP_SCHEDULE),
        new WarmupStateBinder(),
        JdbcSinks.Batching.upserts());
  }

  public static Sink<WarmupState> topicSink() {
    return KafkaSink.<WarmupState>builder()
        .setBootstrapServers(Settings.get(Settings.KAFKA_BOOTSTRAP))
        .setRecordSerializer(new WarmupStateSerializer())
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }
}
