package dev.heron.jobs.suppression;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

/** Binds a {@link Suppression} to the {@code insert-suppression} statement. */
public final class SuppressionBinder implements JdbcStatementBuilder<Suppression> {
  @Override
  public void accept(PreparedStatement st, Suppression s) throws SQLException {
    UUID tenant = UUID.fromString(s.tenantId());
    UUID message = UUID.fromString(s.messageId());
    st.setString(1, s.reason());
    st.setObject(2, UUID.fromString(s.sourceEventId()));
    st.setString(3, s.detail());
    st.setObject(4, Instant.ofEpochMilli(s.occurredAtMillis()).atOffset(ZoneOffset.UTC));
    st.setObject(5, message);
    st.setObject(6, tenant);
    st.setString(7, s.channel());
    st.setString(8, s.channel());
    st.setObject(9, s.contactId() == null ? null : UUID.fromString(s.contactId()), Types.OTHER);
    st.setObject(10, tenant);
    st.setObject(11, message);
  }
}
