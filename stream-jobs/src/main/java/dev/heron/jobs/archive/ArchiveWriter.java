package dev.heron.jobs.archive;

import dev.heron.events.Event;
import dev.heron.jobs.storage.JobDatabase;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers events into a binary COPY batch and loads it in one transaction: COPY straight into the
 * archive, since a batch rarely holds an event already archived (only a replay after a restart or a
 * producer's retry does). A duplicate fails that COPY with a unique violation, and the batch then
 * goes through the staging table and into the archive with ON CONFLICT DO NOTHING, which skips what
 * is there. A failed batch is retried on a new connection; being idempotent, a retry after a commit
 * whose reply was lost does no harm. Everything runs on the task's thread (the timer callback too),
 * so nothing is shared.
 */
final class ArchiveWriter implements SinkWriter<Event> {
  private static final Logger log = LoggerFactory.getLogger(ArchiveWriter.class);
  private static final int ATTEMPTS = 4;
  private static final String UNIQUE_VIOLATION = "23505";

  private final ArchiveStatements sql;
  private final int maxRows;
  private final long maxWaitMillis;
  private final ProcessingTimeService time;
  private final CopyBatch batch = new CopyBatch();
  private boolean timerSet;
  private Connection connection;

  ArchiveWriter(
      ArchiveStatements sql, int maxRows, long maxWaitMillis, ProcessingTimeService time) {
    this.sql = sql;
    this.maxRows = maxRows;
    this.maxWaitMillis = maxWaitMillis;
    this.time = time;
  }

  @Override
  public void write(Event event, Context context) throws IOException {
    batch.add(event);
    if (batch.rows() >= maxRows) {
      load();
    } else if (!timerSet) {
      timerSet = true;
      time.registerTimer(time.getCurrentProcessingTime() + maxWaitMillis, now -> onTimer());
    }
  }

  private void onTimer() throws IOException {
    timerSet = false;
    load();
  }

  /** Called before every checkpoint and at the end of input: nothing may stay in the batch. */
  @Override
  public void flush(boolean endOfInput) throws IOException {
    load();
  }

  private void load() throws IOException {
    int rows = batch.rows();
    if (rows == 0) {
      return;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        loadOnce();
        break;
      } catch (SQLException | IOException e) {
        closeConnection();
        if (attempt == ATTEMPTS) {
          throw new IOException("archiving " + rows + " events failed", e);
        }
        log.warn("archiving {} events failed (attempt {}), retrying", rows, attempt, e);
        sleep(attempt * 200L);
      }
    }
    batch.clear();
  }

  private void loadOnce() throws SQLException, IOException {
    try {
      inTransaction(db -> copy(db, sql.copy()));
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      // The batch holds an event already archived: load it again, past what is there.
      inTransaction(
          db -> {
            copy(db, sql.copyToStaging());
            try (Statement st = db.createStatement()) {
              st.executeUpdate(sql.moveToArchive());
            }
          });
    }
  }

  private void copy(Connection db, String copy) throws SQLException, IOException {
    CopyManager copyApi = db.unwrap(PGConnection.class).getCopyAPI();
    copyApi.copyIn(copy, batch.content());
  }

  private interface Work {
    void run(Connection db) throws SQLException, IOException;
  }

  private void inTransaction(Work work) throws SQLException, IOException {
    Connection db = connection();
    try {
      work.run(db);
      db.commit();
    } catch (SQLException | IOException | RuntimeException e) {
      try {
        db.rollback();
      } catch (SQLException ignored) {
        // the connection is closed and replaced by the caller
      }
      throw e;
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      Connection db = JobDatabase.connect();
      db.setAutoCommit(false);
      try (Statement st = db.createStatement()) {
        st.execute(sql.createStaging());
      }
      db.commit();
      connection = db;
    }
    return connection;
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // already broken
      }
      connection = null;
    }
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while retrying the archive", e);
    }
  }

  @Override
  public void close() {
    closeConnection();
  }
}
