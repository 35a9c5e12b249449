package dev.heron.jobs.archive;

import dev.heron.events.Event;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The archive's sink: events gathered into batches and loaded with COPY, through a staging table,
 * into the {@code events} hypertable. The move from staging ignores an event already archived, so a
 * batch replayed after a failure archives nothing twice; each writer flushes before a checkpoint
 * completes, so no event acknowledged by a checkpoint is left unwritten.
 *
 * @param rows the most events one batch holds
 * @param maxWaitMillis the longest an event waits in a batch
 */
public record CopyArchiveSink(int rows, long maxWaitMillis) implements Sink<Event> {

  public static CopyArchiveSink standard() {
    return new CopyArchiveSink(10_000, 200);
  }

  @Override
  public SinkWriter<Event> createWriter(WriterInitContext context) {
    return new ArchiveWriter(
        ArchiveStatements.load(), rows, maxWaitMillis, context.getProcessingTimeService());
  }
}
