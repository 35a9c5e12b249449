package dev.heron.jobs.sendtime;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

/** Binds a {@link ContactSendTime} to the {@code upsert-contact-send-time} statement. */
public final class ContactSendTimeBinder implements JdbcStatementBuilder<ContactSendTime> {
  @Override
  public void accept(PreparedStatement st, ContactSendTime s) throws SQLException {
    st.setObject(1, Instant.ofEpochMilli(s.computedAtMillis()).atOffset(ZoneOffset.UTC));
    st.setObject(2, UUID.fromString(s.tenantId()));
    st.setObject(3, UUID.fromString(s.contactId()));
    st.setArray(
        4,
        st.getConnection()
            .createArrayOf(
                "integer", Arrays.stream(s.bestHours()).boxed().toArray(Integer[]::new)));
    st.setDouble(5, s.confidence());
    st.setLong(6, s.observations());
    st.setString(7, s.modelVersion());
  }
}
