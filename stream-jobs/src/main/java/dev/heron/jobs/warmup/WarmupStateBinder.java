package dev.heron.jobs.warmup;

import dev.heron.events.WarmupState;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

/** Binds a {@link WarmupState} to the {@code update-warmup-schedule} statement. */
public final class WarmupStateBinder implements JdbcStatementBuilder<WarmupState> {
  @Override
  public void accept(PreparedStatement st, WarmupState s) throws SQLException {
    OffsetDateTime at = s.updatedAt().atOffset(ZoneOffset.UTC);
    st.setInt(1, s.scheduleDay());
    st.setLong(2, s.dailyCap());
    st.setLong(3, s.sentToday());
    st.setBoolean(4, s.paused());
    st.setString(5, s.pauseReason());
    st.setBoolean(6, s.paused());
    st.setObject(7, at);
    st.setObject(8, at);
    st.setString(9, s.ip());
  }
}
