package dev.heron.jobs.insights;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

/** Binds an {@link InsightRow} to the {@code upsert-insight-bucket} statement. */
public final class InsightRowBinder implements JdbcStatementBuilder<InsightRow> {
  private static final int FIRST_COUNTER = 8;

  @Override
  public void accept(PreparedStatement st, InsightRow row) throws SQLException {
    BucketKey key = row.key();
    st.setObject(1, key.hourStart().atOffset(ZoneOffset.UTC));
    st.setObject(2, UUID.fromString(key.tenantId()));
    st.setObject(3, UUID.fromString(key.campaignId()));
    st.setString(4, key.channel());
    st.setString(5, key.provider());
    st.setString(6, key.senderIdentity());
    st.setString(7, key.variant());
    for (Counter counter : Counter.values()) {
      int index = FIRST_COUNTER + counter.ordinal();
      if (counter == Counter.CONVERSION_VALUE_CENTS) {
        st.setBigDecimal(index, row.conversionValue());
      } else {
        st.setLong(index, row.get(counter));
      }
    }
  }
}
