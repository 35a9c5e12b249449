package dev.heron.api.db;

import dev.heron.sql.NamedQueries;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One transaction's access to the named queries. Parameters are positional ({@code ?}); a {@link
 * Collection} or array binds as a PostgreSQL array (write {@code ?::uuid[]} or {@code ?::text[]} in
 * the SQL), an {@link Instant} as a timestamp.
 */
public final class Tx {
  private final Connection connection;
  private final NamedQueries queries;

  Tx(Connection connection, NamedQueries queries) {
    this.connection = connection;
    this.queries = queries;
  }

  /** Reads one row into a value. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  public <T> List<T> list(String query, RowMapper<T> mapper, Object... params) throws SQLException {
    try (PreparedStatement statement = prepare(query, params);
        ResultSet rows = statement.executeQuery()) {
      List<T> result = new ArrayList<>();
      while (rows.next()) {
        result.add(mapper.map(rows));
      }
      return result;
    }
  }

  public <T> Optional<T> one(String query, RowMapper<T> mapper, Object... params)
      throws SQLException {
    List<T> rows = list(query, mapper, params);
    if (rows.size() > 1) {
      throw new IllegalStateException("query '" + query + "' returned " + rows.size() + " rows");
    }
    return rows.stream().findFirst();
  }

  /** Runs a statement and returns the number of rows it changed. */
  public int update(String query, Object... params) throws SQLException {
    try (PreparedStatement statement = prepare(query, params)) {
      return statement.executeUpdate();
    }
  }

  /**
   * Copies rows in COPY text format ({@code CopyText}) with a named {@code COPY … FROM STDIN}, and
   * returns how many rows it copied: the fastest way into a table, one round trip for any number of
   * rows.
   */
  public long copyIn(String query, byte[] rows) throws SQLException {
    try {
      return connection
          .unwrap(org.postgresql.PGConnection.class)
          .getCopyAPI()
          .copyIn(queries.get(query), new java.io.ByteArrayInputStream(rows));
    } catch (java.io.IOException e) {
      throw new SQLException("copy '" + query + "' failed: " + e.getMessage(), e);
    }
  }

  public Connection connection() {
    return connection;
  }

  /**
   * The text of a named query, for one completed at run time with generated SQL (a compiled
   * audience filter) before it runs through {@link #listSql} or {@link #updateSql}.
   */
  public String text(String query) {
    return queries.get(query);
  }

  /** Like {@link #list}, for SQL text built from a named query by {@link #text}. */
  public <T> List<T> listSql(String sql, RowMapper<T> mapper, Object... params)
      throws SQLException {
    try (PreparedStatement statement = prepareSql(sql, params);
        ResultSet rows = statement.executeQuery()) {
      List<T> result = new ArrayList<>();
      while (rows.next()) {
        result.add(mapper.map(rows));
      }
      return result;
    }
  }

  /** Like {@link #update}, for SQL text built from a named query by {@link #text}. */
  public int updateSql(String sql, Object... params) throws SQLException {
    try (PreparedStatement statement = prepareSql(sql, params)) {
      return statement.executeUpdate();
    }
  }

  private PreparedStatement prepare(String query, Object... params) throws SQLException {
    return prepareSql(queries.get(query), params);
  }

  private PreparedStatement prepareSql(String sql, Object... params) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < params.length; i++) {
        bind(statement, i + 1, params[i]);
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  private void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value instanceof Instant instant) {
      statement.setTimestamp(index, Timestamp.from(instant));
    } else if (value instanceof Collection<?> values) {
      statement.setArray(index, array(values.toArray()));
    } else if (value instanceof Object[] values) {
      statement.setArray(index, array(values));
    } else if (value instanceof Enum<?> e) {
      statement.setString(index, e.name().toLowerCase(java.util.Locale.ROOT));
    } else {
      statement.setObject(index, value);
    }
  }

  private Array array(Object[] values) throws SQLException {
    boolean uuids = values.length > 0 && values[0] instanceof UUID;
    return connection.createArrayOf(uuids ? "uuid" : "text", values);
  }
}
