package dev.heron.api.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A generated contact CSV — headers in any order and spelling, quoted cells holding commas, quotes,
 * line breaks and any script, CR, LF or CRLF endings, a BOM or not — and what a correct import of
 * it reports: each valid row imported with its values, each broken row an error on its own line.
 *
 * @param valid the valid rows' e-mail addresses (as stored) and their expected first name and
 *     company (null when absent or blank)
 * @param badLines the line each broken row starts on
 */
record CsvCase(byte[] bytes, Map<String, Expected> valid, Set<Long> badLines, int rows) {
  record Expected(String firstName, String company) {}

  private static final String[] PIECES = {
    "a", "Z", "7", " ", ",", "\"", ";", "\\", "\t", "é", "日本", "😀", "\r", "\n", "\r\n", "'", "|",
    "\u00a0", "\\N", "ß", "—"
  };
  private static final List<String> ZONES = List.of("Europe/Paris", "America/New_York", "UTC");

  static CsvCase generate(Random random, String prefix) {
    String eol = pick(random, List.of("\n", "\r\n", "\r"));
    List<String> columns = header(random);
    StringBuilder text = new StringBuilder();
    text.append(String.join(",", columns.stream().map(c -> quoted(c, random)).toList()));
    text.append(eol);
    long line = 2;
    Map<String, Expected> valid = new LinkedHashMap<>();
    Set<Long> badLines = new TreeSet<>();
    int rows = random.nextInt(25);
    for (int i = 0; i < rows; i++) {
      if (random.nextInt(10) == 0) {
        text.append(eol); // a blank line: skipped, but it still counts as a line
        line++;
      }
      boolean broken = random.nextInt(3) == 0;
      List<String> cells = new ArrayList<>();
      String email =
          (" V" + i + "-" + prefix + "@Gmail.Test ").replace(" ", random.nextBoolean() ? " " : "");
      for (String column : columns) {
        cells.add(cell(column, email, random));
      }
      if (broken) {
        breakRow(cells, columns, random);
        badLines.add(line);
      } else {
        valid.put(
            email.strip().toLowerCase(java.util.Locale.ROOT),
            new Expected(
                blankToNull(cells.get(columns.indexOf(firstNameColumn(columns)))),
                blankToNull(cells.get(columns.indexOf(companyColumn(columns))))));
      }
      String record = String.join(",", cells.stream().map(c -> quoted(c, random)).toList());
      text.append(record);
      line += lineBreaks(record);
      if (i < rows - 1 || random.nextBoolean()) {
        text.append(eol);
        line++;
      }
    }
    return new CsvCase(bytes(text.toString(), random.nextInt(4) == 0), valid, badLines, rows);
  }

  /** Every column the importer knows (in any spelling) or an attribute, email always. */
  private static List<String> header(Random random) {
    List<String> columns =
        new ArrayList<>(List.of(pick(random, List.of("email", "Email", "EMAIL"))));
    columns.add(pick(random, List.of("first_name", "First Name", "firstName")));
    columns.add(pick(random, List.of("company", "Company")));
    for (String optional : List.of("Last-Name", "phone", "timeZone", "tags")) {
      if (random.nextBoolean()) {
        columns.add(optional);
      }
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      columns.add("attr" + i + pick(random, List.of("", " plan", " \"q\"", ", x", " ñ")));
    }
    Collections.shuffle(columns, random);
    return columns;
  }

  private static String cell(String column, String email, Random random) {
    return switch (column.toLowerCase(java.util.Locale.ROOT)) {
      case "email" -> email;
      case "phone" -> random.nextBoolean() ? "" : "+1 415 555 0" + random.nextInt(1000);
      case "timezone" -> random.nextBoolean() ? "" : pick(random, ZONES);
      case "tags" -> pick(random, List.of("", "vip; news;;vip", "a;b", " ; "));
      default -> tricky(random);
    };
  }

  /** Makes the row certainly invalid, in one of the ways a row can be. */
  private static void breakRow(List<String> cells, List<String> columns, Random random) {
    int email = emailColumn(columns);
    switch (random.nextInt(5)) {
      case 0 -> {
        // Too few or too many fields; the first stays non-empty so the line is never blank.
        int width = random.nextBoolean() ? random.nextInt(cells.size() - 1) + 1 : cells.size() + 2;
        while (cells.size() > width) {
          cells.remove(cells.size() - 1);
        }
        while (cells.size() < width) {
          cells.add(tricky(random));
        }
        cells.set(0, "x" + cells.get(0));
      }
      case 1 ->
          cells.set(
              email,
              pick(random, List.of("not-an-email", "", "a@b", "@x.test", "x@y", "two@@at.test")));
      case 2 -> {
        int at = random.nextInt(cells.size());
        cells.set(at, cells.get(at) + "\0" + "after");
      }
      case 3 -> cells.set(email, "   ");
      default -> cells.set(email, tricky(random).replace("@", "") + " " + "no-at-sign");
    }
  }

  private static String tricky(Random random) {
    StringBuilder s = new StringBuilder();
    for (int n = random.nextInt(10); n > 0; n--) {
      s.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return s.toString();
  }

  /** RFC 4180 quoting where it is needed, and sometimes where it is not. */
  private static String quoted(String cell, Random random) {
    boolean needed =
        cell.contains(",") || cell.contains("\"") || cell.contains("\r") || cell.contains("\n");
    if (needed || random.nextInt(4) == 0) {
      return '"' + cell.replace("\"", "\"\"") + '"';
    }
    return cell;
  }

  /** Line breaks as a CSV reader counts them: CRLF, CR and LF are one each. */
  static long lineBreaks(String text) {
    long breaks = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
        breaks++;
      }
    }
    return breaks;
  }

  private static byte[] bytes(String text, boolean bom) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (bom) {
      out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    }
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static String blankToNull(String cell) {
    String s = cell.strip();
    return s.isEmpty() ? null : s;
  }

  private static int emailColumn(List<String> columns) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).equalsIgnoreCase("email")) {
        return i;
      }
    }
    throw new IllegalStateException("no email column in " + columns);
  }

  private static String firstNameColumn(List<String> columns) {
    return columns.stream()
        .filter(c -> c.equals("first_name") || c.equals("First Name") || c.equals("firstName"))
        .findFirst()
        .orElseThrow();
  }

  private static String companyColumn(List<String> columns) {
    return columns.stream().filter(c -> c.equalsIgnoreCase("company")).findFirst().orElseThrow();
  }

  private static <T> T pick(Random random, List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }
}
