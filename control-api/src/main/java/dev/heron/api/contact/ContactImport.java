package dev.heron.api.contact;

import dev.heron.api.db.Rows;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A CSV import and its progress: what the dashboard polls while it runs. */
@Serdeable
public record ContactImport(
    UUID id,
    String status,
    long rowsRead,
    long rowsInserted,
    long rowsUpdated,
    long rowsFailed,
    UUID listId,
    Instant startedAt,
    Instant finishedAt,
    String failure,
    List<RowError> errors) {

  /** One refused row: its line in the file (the header is line 1). */
  @Serdeable
  public record RowError(long line, String field, String reason) {
    static RowError of(ResultSet row) throws SQLException {
      return new RowError(row.getLong("line"), row.getString("field"), row.getString("reason"));
    }
  }

  static ContactImport of(ResultSet row, List<RowError> errors) throws SQLException {
    return new ContactImport(
        Rows.uuid(row, "id"),
        row.getString("status"),
        row.getLong("rows_read"),
        row.getLong("rows_inserted"),
        row.getLong("rows_updated"),
        row.getLong("rows_failed"),
        Rows.uuid(row, "list_id"),
        Rows.instant(row, "started_at"),
        Rows.instant(row, "finished_at"),
        row.getString("failure"),
        errors);
  }
}
