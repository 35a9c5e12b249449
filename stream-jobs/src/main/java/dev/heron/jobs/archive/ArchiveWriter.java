package dev.heron.jobs.archive;

import dev.heron.events.Event;
import dev.heron.jobs.storage.JobDatabase;
import java.io.IOException;
import java.io.StringReader;
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
 * Gathers events as COPY lines and loads them in one transaction per batch: COPY into the staging
 * table, then one INSERT … SELECT into the archive. That insert is a plain one, since a batch
 * rarely holds an event already archived (only a replay after a restart or a producer's retry
 * does); a duplicate fails it with a unique violation, and the batch then goes in with ON CONFLICT
 * DO NOTHING, which skips what is there (the plain insert saves its speculative checks: 1.1 to 1.5
 * times the rows a second). A failed batch is retried on a new connection; being idempotent, a
 * retry after a commit whose reply was lost does no harm. Everything runs on the task's thread (the
 * timer callback too), so nothing is shared.
 */
final class ArchiveWriter implements SinkWriter<Event> {
  private static final Logger log = LoggerFactory.getLogger(ArchiveWriter.class);
  private static final int ATTEMPTS = 4;
  private static final String UNIQUE_VIOLATION = "23505";

  private final ArchiveStatements sql;
  private final int maxRows;
  private final long maxWaitMillis;
  private final ProcessingTimeService time;
  private final StringBuilder batch = new StringBuilder(1 << 20);
  private int pending;
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
    CopyRows.append(batch, event);
    pending++;
    if (pending >= maxRows) {
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
    if (pending == 0) {
      return;
    }
    String rows = batch.toString();
    for (int attempt = 1; ; attempt++) {
      try {
        loadOnce(rows);
        break;
      } catch (SQLException | IOException e) {
        closeConnection();
        if (attempt == ATTEMPTS) {
          throw new IOException("archiving " + pending + " events failed", e);
        }
        log.warn("archiving {} events failed (attempt {}), retrying", pending, attempt, e);
        sleep(attempt * 200L);
      }
    }
    batch.setLength(0);
    pending = 0;
  }

  private void loadOnce(String rows) throws SQLException, IOException {
    try {
      copyAndMove(rows, sql.moveNewToArchive());
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      // The batch holds an event already archived: load it again, past what is there.
      copyAndMove(rows, sql.moveToArchive());
    }
  }

  private void copyAndMove(String rows, String move) throws SQLException, IOException {
    Connection db = connection();
    try {
      CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
      copy.copyIn(sql.copy(), new StringReader(rows));
      try (Statement st = db.createStatement()) {
        st.executeUpdate(move);
      }
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
