package dev.heron.api.warmup;

import dev.heron.api.db.Rows;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

final class WarmupViews {
  /**
   * Starts an IP's warmup.
   *
   * @param ip a sending IP of the tenant's own, or a new one, which joins the tenant's dedicated
   *     pool
   * @param schedule the steps; absent: the standard schedule
   * @param restart true to start again from day 1 an IP already warming up
   */
  @Serdeable
  record Start(
      @NotBlank String ip,
      @Nullable List<WarmupSchedule.Step> schedule,
      @Nullable Boolean restart) {}

  /** Where one IP's warmup stands. */
  @Serdeable
  record Status(
      String ip,
      boolean shared,
      LocalDate startedOn,
      int scheduleDay,
      long dailyCap,
      long sentToday,
      boolean paused,
      @Nullable String pauseReason,
      @Nullable Instant pausedAt,
      Instant updatedAt,
      String schedule) {
    static Status of(ResultSet row) throws SQLException {
      return new Status(
          row.getString("ip"),
          row.getBoolean("shared"),
          row.getObject("started_on", LocalDate.class),
          row.getInt("schedule_day"),
          row.getLong("daily_cap"),
          row.getLong("sent_today"),
          row.getBoolean("paused"),
          row.getString("pause_reason"),
          Rows.instant(row, "paused_at"),
          Rows.instant(row, "updated_at"),
          row.getString("schedule"));
    }
  }

  private WarmupViews() {}
}
