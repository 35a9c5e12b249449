package dev.heron.jobs.reputation;

import dev.heron.events.IpScore;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

/** Binds an {@link IpScore} to both reputation statements (same column order). */
public final class IpScoreBinder implements JdbcStatementBuilder<IpScore> {
  @Override
  public void accept(PreparedStatement st, IpScore s) throws SQLException {
    st.setObject(1, s.computedAt().atOffset(ZoneOffset.UTC));
    st.setString(2, s.ip());
    st.setString(3, s.provider());
    st.setLong(4, s.volume());
    st.setDouble(5, s.deliveryRate());
    st.setDouble(6, s.bounceRate());
    st.setDouble(7, s.complaintRate());
    st.setDouble(8, s.deferralRate());
    st.setDouble(9, s.score());
  }
}
