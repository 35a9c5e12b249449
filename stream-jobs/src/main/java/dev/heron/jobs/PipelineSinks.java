package dev.heron.jobs;

import dev.heron.events.Event;
import dev.heron.jobs.abtest.AbDecision;
import dev.heron.jobs.abtest.AbTestJob;
import dev.heron.jobs.archive.ArchiveJob;
import dev.heron.jobs.insights.InsightRow;
import dev.heron.jobs.insights.InsightsJob;
import dev.heron.jobs.reputation.ReputationSinks;
import dev.heron.jobs.sendtime.ContactSendTime;
import dev.heron.jobs.sendtime.SendTimeJob;
import dev.heron.jobs.suppression.Suppression;
import dev.heron.jobs.suppression.SuppressionJob;
import dev.heron.jobs.warmup.WarmupSinks;
import org.apache.flink.api.connector.sink2.Sink;

/** Where every job of the local pipeline writes. */
public record PipelineSinks(
    Sink<Event> archive,
    Sink<InsightRow> insights,
    ReputationSinks reputation,
    WarmupSinks warmup,
    Sink<Suppression> suppression,
    Sink<ContactSendTime> sendTime,
    Sink<AbDecision> abTests,
    Sink<AbDecision> abDecisions) {

  /** The tables and topics of the {@code HERON_DB_*} and {@code HERON_KAFKA_*} settings. */
  public static PipelineSinks real() {
    return new PipelineSinks(
        ArchiveJob.tableSink(),
        InsightsJob.tableSink(),
        ReputationSinks.real(),
        WarmupSinks.real(),
        SuppressionJob.tableSink(),
        SendTimeJob.tableSink(),
        AbTestJob.tableSink(),
        AbTestJob.topicSink());
  }
}
