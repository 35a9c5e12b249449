package dev.heron.charts.grafana;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What Grafana does to a PostgreSQL panel's SQL before the database sees it, in Grafana's order:
 * template variables ({@code $name}, {@code ${name}}, {@code [[name]]}; a multi-value or "All"
 * variable becomes a quoted, comma-separated list), then {@code $__interval}, {@code
 * $__interval_ms} and the epoch bounds, then the macros of its PostgreSQL data source with
 * TimescaleDB enabled ({@code $__timeFilter(col)}, {@code $__timeGroupAlias(col, 1h[, fill])} as
 * {@code time_bucket}, …). A macro or variable it does not know is an error, as in Grafana.
 */
final class GrafanaMacros {
  /** The values a template variable is set to; {@code multi} for multi-value or "All". */
  record Variable(List<String> values, boolean multi) {
    static Variable single(String value) {
      return new Variable(List.of(value), false);
    }

    static Variable multi(String... values) {
      return new Variable(List.of(values), true);
    }

    String interpolated() {
      if (!multi) {
        return values.get(0);
      }
      return values.stream()
          .map(v -> "'" + v.replace("'", "''") + "'")
          .collect(Collectors.joining(","));
    }
  }

  private static final Pattern VARIABLE =
      Pattern.compile(
          "\\$\\{([A-Za-z0-9_]+)(?::[A-Za-z0-9_]+)?}|\\[\\[([A-Za-z0-9_]+)]]|\\$([A-Za-z0-9_]+)");
  private static final Pattern MACRO = Pattern.compile("\\$([_a-zA-Z0-9]+)\\(([^)]*)\\)");
  private static final Pattern INTERVAL = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

  private final Instant from;
  private final Instant to;
  private final Duration interval;
  private final Map<String, Variable> variables;

  GrafanaMacros(Instant from, Instant to, Duration interval, Map<String, Variable> variables) {
    this.from = from;
    this.to = to;
    this.interval = interval;
    this.variables = variables;
  }

  String expand(String sql) {
    String s = replaceVariables(sql);
    s = s.replace("$__interval_ms", Long.toString(interval.toMillis()));
    s = s.replace("$__interval", format(interval));
    s = s.replace("$__unixEpochFrom()", Long.toString(from.getEpochSecond()));
    s = s.replace("$__unixEpochTo()", Long.toString(to.getEpochSecond()));
    return replaceMacros(s);
  }

  private String replaceVariables(String sql) {
    Matcher m = VARIABLE.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      if (name.startsWith("__")) {
        m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
        continue;
      }
      Variable v = variables.get(name);
      if (v == null) {
        throw new IllegalArgumentException(
            "unknown template variable $" + name + " (known: " + variables.keySet() + ")");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v.interpolated()));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String replaceMacros(String sql) {
    Matcher m = MACRO.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      List<String> args = new ArrayList<>();
      for (String a : m.group(2).split(",", -1)) {
        args.add(a.strip());
      }
      m.appendReplacement(out, Matcher.quoteReplacement(macro(m.group(1), args)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String macro(String name, List<String> args) {
    switch (name) {
      case "__time":
        return column(name, args) + " AS \"time\"";
      case "__timeEpoch":
        return "extract(epoch from " + column(name, args) + ") as \"time\"";
      case "__timeFilter":
        return column(name, args) + " BETWEEN '" + from + "' AND '" + to + "'";
      case "__timeFrom":
        return "'" + from + "'";
      case "__timeTo":
        return "'" + to + "'";
      case "__timeGroup":
        return timeGroup(name, args);
      case "__timeGroupAlias":
        return timeGroup(name, args) + " AS \"time\"";
      case "__unixEpochFilter":
        String c = column(name, args);
        return c + " >= " + from.getEpochSecond() + " AND " + c + " <= " + to.getEpochSecond();
      default:
        throw new IllegalArgumentException("unknown macro $" + name + "(" + args + ")");
    }
  }

  private static String column(String macro, List<String> args) {
    if (args.isEmpty() || args.get(0).isEmpty()) {
      throw new IllegalArgumentException("missing time column argument for macro $" + macro);
    }
    return args.get(0);
  }

  /** TimescaleDB's bucketing, as the data source does with {@code timescaledb: true}. */
  private static String timeGroup(String macro, List<String> args) {
    if (args.size() < 2) {
      throw new IllegalArgumentException(
          "macro $" + macro + " needs a time column and an interval, and an optional fill value");
    }
    if (args.size() == 3) {
      checkFill(args.get(2));
    }
    Duration bucket = parse(args.get(1).replace("'", ""));
    return String.format(
        Locale.ROOT, "time_bucket('%.3fs',%s)", bucket.toMillis() / 1000.0, args.get(0));
  }

  private static void checkFill(String fill) {
    if (fill.equalsIgnoreCase("NULL") || fill.equals("previous")) {
      return;
    }
    try {
      Double.parseDouble(fill);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "fill value '" + fill + "' is not NULL, previous or a number");
    }
  }

  /**
   * Grafana's interval syntax: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d},
   * {@code 1w}.
   */
  static Duration parse(String interval) {
    Matcher m = INTERVAL.matcher(interval.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("error parsing interval " + interval);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }

  /** An interval as Grafana writes {@code $__interval}: the largest whole unit. */
  static String format(Duration d) {
    long ms = d.toMillis();
    long[] units = {7 * 86_400_000L, 86_400_000L, 3_600_000L, 60_000L, 1000L};
    String[] names = {"w", "d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (ms >= units[i] && ms % units[i] == 0) {
        return ms / units[i] + names[i];
      }
    }
    return ms + "ms";
  }
}
