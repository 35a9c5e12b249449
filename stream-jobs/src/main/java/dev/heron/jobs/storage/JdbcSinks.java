package dev.heron.jobs.storage;

import dev.heron.events.Settings;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * JDBC sinks into the database named by the {@code HERON_DB_*} settings. At-least-once is enough:
 * every statement Heron's jobs run is idempotent, so a replayed batch changes nothing, and the
 * writer flushes its batch before each checkpoint completes.
 */
public final class JdbcSinks {
  /**
   * Rows per batch and the longest a row waits in a batch. {@code multiRowInserts} lets the driver
   * send a batch as multi-row INSERTs, much faster for an append-only table; an upsert must not use
   * it, since one statement cannot update the same row twice.
   */
  public record Batching(int rows, long maxWaitMillis, boolean multiRowInserts) {
    public static Batching upserts() {
      return new Batching(500, 200, false);
    }

    public static Batching appends() {
      return new Batching(500, 200, true);
    }
  }

  private JdbcSinks() {}

  public static <T> Sink<T> batched(String sql, JdbcStatementBuilder<T> binder, Batching batching) {
    return JdbcSink.<T>builder()
        .withQueryStatement(sql, binder)
        .withExecutionOptions(
            JdbcExecutionOptions.builder()
                .withBatchSize(batching.rows())
                .withBatchIntervalMs(batching.maxWaitMillis())
                .withMaxRetries(3)
                .build())
        .buildAtLeastOnce(connection(batching.multiRowInserts()));
  }

  public static JdbcConnectionOptions connection(boolean multiRowInserts) {
    return new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
        .withProperty("reWriteBatchedInserts", Boolean.toString(multiRowInserts))
        .withUrl(Settings.get(Settings.DB_URL))
        .withDriverName("org.postgresql.Driver")
        .withUsername(Settings.get(Settings.DB_USER))
        .withPassword(Settings.get(Settings.DB_PASSWORD))
        .build();
  }
}
