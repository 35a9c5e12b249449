package dev.heron.api.audience;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The contact columns a filter may name: the whitelist that every column in compiled SQL comes
 * from. Names are accepted in snake case ({@code last_opened_at}) or camel case ({@code
 * lastOpenedAt}).
 */
enum ContactColumn {
  EMAIL("email", Type.TEXT),
  FIRST_NAME("first_name", Type.TEXT),
  LAST_NAME("last_name", Type.TEXT),
  PHONE("phone", Type.TEXT),
  COMPANY("company", Type.TEXT),
  DESCRIPTION("description", Type.TEXT),
  TIME_ZONE("time_zone", Type.TEXT),
  CONSENT("consent", Type.TEXT),
  TAGS("tags", Type.TAGS),
  OPTED_OUT("opted_out", Type.BOOL),
  CREATED_AT("created_at", Type.TIME),
  UPDATED_AT("updated_at", Type.TIME),
  CONSENT_AT("consent_at", Type.TIME),
  OPTED_OUT_AT("opted_out_at", Type.TIME),
  LAST_OPENED_AT("last_opened_at", Type.TIME),
  LAST_CLICKED_AT("last_clicked_at", Type.TIME);

  enum Type {
    TEXT,
    TAGS,
    BOOL,
    TIME
  }

  static final String NAMES =
      String.join(", ", Arrays.stream(values()).map(c -> c.column).toList().toArray(new String[0]));

  final String column;
  final Type type;

  ContactColumn(String column, Type type) {
    this.column = column;
    this.type = type;
  }

  /** The column as compiled SQL names it, on the contacts table aliased {@code c}. */
  String sql() {
    return "c." + column;
  }

  static Optional<ContactColumn> named(String name) {
    String snake = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(c -> c.column.equals(snake)).findFirst();
  }
}
