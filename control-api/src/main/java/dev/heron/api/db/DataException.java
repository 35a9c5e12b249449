package dev.heron.api.db;

import java.sql.SQLException;

/** A database failure that is not the client's fault: answered as a 5xx, logged with its cause. */
public class DataException extends RuntimeException {
  public DataException(SQLException cause) {
    super(cause.getMessage(), cause);
  }

  /** The SQLSTATE, for telling a unique violation ({@code 23505}) from a real failure. */
  public String sqlState() {
    return ((SQLException) getCause()).getSQLState();
  }

  public boolean isUniqueViolation() {
    return "23505".equals(sqlState());
  }

  /**
   * A row named a parent that is gone ({@code 23503}): a key, or one of the statement-level checks
   * of V25. Seen when a concurrent transaction deleted the parent.
   */
  public boolean isForeignKeyViolation() {
    return "23503".equals(sqlState());
  }
}
