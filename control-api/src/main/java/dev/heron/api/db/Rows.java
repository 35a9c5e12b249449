package dev.heron.api.db;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.heron.events.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reading PostgreSQL column types into Java values. */
public final class Rows {
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  public static UUID uuid(ResultSet row, String column) throws SQLException {
    return row.getObject(column, UUID.class);
  }

  public static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }

  public static List<String> texts(ResultSet row, String column) throws SQLException {
    Array array = row.getArray(column);
    if (array == null) {
      return List.of();
    }
    return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
  }

  public static List<UUID> uuids(ResultSet row, String column) throws SQLException {
    Array array = row.getArray(column);
    if (array == null) {
      return List.of();
    }
    return Arrays.stream((Object[]) array.getArray()).map(v -> (UUID) v).toList();
  }

  /** A jsonb object column as a map. */
  public static Map<String, Object> json(ResultSet row, String column) throws SQLException {
    String text = row.getString(column);
    if (text == null) {
      return Map.of();
    }
    try {
      return Json.mapper().readValue(text, OBJECT);
    } catch (IOException e) {
      throw new UncheckedIOException("column " + column + " is not a JSON object", e);
    }
  }

  /** A value to bind to a {@code ?::jsonb} parameter. */
  public static String jsonb(Object value) {
    return Json.writeString(value);
  }

  private Rows() {}
}
