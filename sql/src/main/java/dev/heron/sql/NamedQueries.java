package dev.heron.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hand-written SQL of one file under {@code db/queries}, in named blocks:
 *
 * <pre>
 * -- name: insights-by-hour
 * -- One line that says what it returns.
 * SELECT ...
 * </pre>
 *
 * Load a file once at start-up with the names the caller needs, so that a missing name fails there
 * and not at the first request.
 */
public final class NamedQueries {
  private static final Pattern NAME =
      Pattern.compile("^--\\s*name:\\s*(\\S+)\\s*$", Pattern.MULTILINE);

  private final String file;
  private final Map<String, String> queries;

  private NamedQueries(String file, Map<String, String> queries) {
    this.file = file;
    this.queries = Collections.unmodifiableMap(queries);
  }

  /** Loads {@code db/queries/<file>.sql} and checks that every one of {@code required} is in it. */
  public static NamedQueries load(String file, String... required) {
    NamedQueries loaded = parse(file, read("db/queries/" + file + ".sql"));
    for (String name : required) {
      loaded.get(name);
    }
    return loaded;
  }

  static NamedQueries parse(String file, String text) {
    Map<String, String> queries = new LinkedHashMap<>();
    Matcher m = NAME.matcher(text);
    String name = null;
    int start = 0;
    while (m.find()) {
      if (name != null) {
        put(file, queries, name, text.substring(start, m.start()));
      }
      name = m.group(1);
      start = m.end();
    }
    if (name != null) {
      put(file, queries, name, text.substring(start));
    }
    return new NamedQueries(file, queries);
  }

  private static void put(String file, Map<String, String> queries, String name, String body) {
    String sql = stripComments(body);
    if (sql.isEmpty()) {
      throw new IllegalStateException("query '" + name + "' in " + file + ".sql is empty");
    }
    if (queries.putIfAbsent(name, sql) != null) {
      throw new IllegalStateException("query '" + name + "' is named twice in " + file + ".sql");
    }
  }

  private static String stripComments(String body) {
    StringBuilder sql = new StringBuilder();
    for (String line : body.split("\n")) {
      if (!line.strip().startsWith("--") && !line.isBlank()) {
        sql.append(line.stripTrailing()).append('\n');
      }
    }
    String text = sql.toString().strip();
    return text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
  }

  /** The SQL named {@code name}; fails when the file has no such block. */
  public String get(String name) {
    String sql = queries.get(name);
    if (sql == null) {
      throw new IllegalStateException(
          "no query named '"
              + name
              + "' in db/queries/"
              + file
              + ".sql; it has "
              + queries.keySet());
    }
    return sql;
  }

  public Map<String, String> all() {
    return queries;
  }

  private static String read(String resource) {
    try (InputStream in = NamedQueries.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no query file " + resource + " on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
