package dev.heron.jobs.abtest;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

/** Binds an {@link AbDecision} to the {@code decide-ab-test} statement. */
public final class AbDecisionBinder implements JdbcStatementBuilder<AbDecision> {
  @Override
  public void accept(PreparedStatement st, AbDecision d) throws SQLException {
    st.setString(1, d.winner());
    st.setObject(2, Instant.ofEpochMilli(d.decidedAtMillis()).atOffset(ZoneOffset.UTC));
    st.setString(3, d.decisionJson());
    st.setObject(4, UUID.fromString(d.testId()));
  }
}
