package dev.heron.jobs.archive;

import dev.heron.events.Event;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

/** Binds an {@link Event} to the {@code archive-event} statement, column for column. */
public final class EventRowBinder implements JdbcStatementBuilder<Event> {
  @Override
  public void accept(PreparedStatement st, Event e) throws SQLException {
    st.setObject(1, utc(e.occurredAt()));
    st.setObject(2, e.eventId());
    st.setString(3, e.type().name());
    st.setInt(4, e.schemaVersion());
    st.setString(5, e.source());
    st.setObject(6, e.tenantId());
    st.setObject(7, e.campaignId(), Types.OTHER);
    st.setObject(8, e.messageId(), Types.OTHER);
    st.setObject(9, e.recipientId(), Types.OTHER);
    st.setObject(10, e.contactId(), Types.OTHER);
    st.setString(11, e.channel() == null ? null : e.channel().wireName());
    st.setString(12, e.variant());
    st.setString(13, e.sendingIp());
    st.setString(14, e.senderIdentity());
    st.setString(15, e.provider());
    st.setString(16, e.bounceClass() == null ? null : e.bounceClass().wireName());
    st.setObject(17, e.smtpCode(), Types.INTEGER);
    st.setString(18, e.enhancedStatus());
    st.setString(19, e.smtpResponse());
    st.setString(20, e.reason());
    st.setObject(21, e.machineOpen(), Types.BOOLEAN);
    st.setString(22, e.url());
    st.setBigDecimal(23, e.value());
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
