package dev.heron.api.contact;

import dev.heron.api.error.ApiException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The header row of a contact CSV: which column holds which contact field. Known columns are
 * matched whatever their case or spelling ({@code First Name}, {@code first_name}, {@code
 * firstName}); every other column becomes an attribute under its header text.
 */
final class ImportHeader {
  static final Set<String> FIELDS =
      Set.of("email", "first_name", "last_name", "phone", "company", "time_zone", "tags");

  private final Map<String, Integer> fieldColumns;
  private final Map<String, Integer> attributeColumns;
  private final int width;

  private ImportHeader(
      Map<String, Integer> fieldColumns, Map<String, Integer> attributeColumns, int width) {
    this.fieldColumns = fieldColumns;
    this.attributeColumns = attributeColumns;
    this.width = width;
  }

  /** Reads the header; a refusal names the column at fault. */
  static ImportHeader of(List<String> names) {
    Map<String, Integer> fields = new HashMap<>();
    Map<String, Integer> attributes = new LinkedHashMap<>();
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String raw = names.get(i).strip();
      if (raw.isEmpty()) {
        throw ApiException.badRequest("header", "header: column " + (i + 1) + " has no name");
      }
      if (raw.indexOf('\0') >= 0) {
        // An attribute's name becomes a jsonb key, which cannot hold a NUL character.
        throw ApiException.badRequest(
            "header", "header: column " + (i + 1) + " has a NUL character in its name");
      }
      String key = canonical(raw);
      if (seen.contains(key)) {
        throw ApiException.badRequest("header", "header: column '" + raw + "' appears twice");
      }
      seen.add(key);
      if (FIELDS.contains(key)) {
        fields.put(key, i);
      } else {
        attributes.put(raw, i);
      }
    }
    if (!fields.containsKey("email")) {
      throw ApiException.badRequest(
          "email", "header: an 'email' column is required, found " + names);
    }
    return new ImportHeader(fields, attributes, names.size());
  }

  /**
   * {@code First Name}, {@code first-name} and {@code firstName} all read as {@code first_name}.
   */
  static String canonical(String name) {
    String snake = name.strip().replaceAll("([a-z0-9])([A-Z])", "$1_$2");
    return snake.toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
  }

  int width() {
    return width;
  }

  /** The cell of a known field, null when the file has no such column or the cell is empty. */
  String field(List<String> cells, String field) {
    Integer column = fieldColumns.get(field);
    return column == null ? null : cell(cells, column);
  }

  /** The non-empty cells of the attribute columns. */
  Map<String, Object> attributes(List<String> cells) {
    Map<String, Object> values = new LinkedHashMap<>();
    attributeColumns.forEach(
        (name, column) -> {
          String value = cell(cells, column);
          if (value != null) {
            values.put(name, value);
          }
        });
    return values;
  }

  private static String cell(List<String> cells, int column) {
    if (column >= cells.size()) {
      return null;
    }
    String value = cells.get(column).strip();
    return value.isEmpty() ? null : value;
  }
}
