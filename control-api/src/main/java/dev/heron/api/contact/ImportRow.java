package dev.heron.api.contact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One valid row of a contact CSV, ready to upsert; {@code tags} are joined with ';'. */
record ImportRow(
    long line,
    String email,
    String firstName,
    String lastName,
    String phone,
    String company,
    String timeZone,
    String tags,
    Map<String, Object> attributes) {

  /** What is wrong with one row: its line, the field (null for the row as a whole) and why. */
  record Problem(long line, String field, String reason) {}

  /** A row read from the file: either a row to import or what is wrong with it. */
  record Parsed(Optional<ImportRow> row, List<Problem> problems) {}

  static Parsed parse(ImportHeader header, long line, List<String> cells) {
    List<Problem> problems = new ArrayList<>();
    if (cells.size() != header.width()) {
      problems.add(
          new Problem(
              line,
              null,
              "expected " + header.width() + " fields as in the header, found " + cells.size()));
      return new Parsed(Optional.empty(), problems);
    }
    for (int i = 0; i < cells.size(); i++) {
      if (cells.get(i).indexOf('\0') >= 0) {
        // PostgreSQL text cannot hold a NUL character: the row is refused here, not by the
        // database.
        problems.add(new Problem(line, null, "field " + (i + 1) + " contains a NUL character"));
        return new Parsed(Optional.empty(), problems);
      }
    }
    String rawEmail = header.field(cells, "email");
    Optional<String> email = Emails.normalize(rawEmail);
    if (rawEmail == null) {
      problems.add(new Problem(line, "email", "email: missing"));
    } else if (email.isEmpty()) {
      problems.add(new Problem(line, "email", "email: '" + rawEmail + "' is not an email address"));
    }
    String phone = header.field(cells, "phone");
    if (phone != null) {
      ContactFields.phoneProblem(phone)
          .ifPresent(p -> problems.add(new Problem(line, "phone", "phone: " + p)));
    }
    String timeZone = header.field(cells, "time_zone");
    if (timeZone != null) {
      ContactFields.timeZoneProblem(timeZone)
          .ifPresent(p -> problems.add(new Problem(line, "time_zone", "time_zone: " + p)));
    }
    if (!problems.isEmpty()) {
      return new Parsed(Optional.empty(), problems);
    }
    return new Parsed(
        Optional.of(
            new ImportRow(
                line,
                email.get(),
                header.field(cells, "first_name"),
                header.field(cells, "last_name"),
                phone,
                header.field(cells, "company"),
                timeZone,
                tags(header.field(cells, "tags")),
                header.attributes(cells))),
        List.of());
  }

  /** {@code "vip; news;;vip"} becomes {@code "vip;news"}: trimmed, no empties, no repeats. */
  static String tags(String cell) {
    if (cell == null) {
      return null;
    }
    Set<String> tags = new LinkedHashSet<>();
    Arrays.stream(cell.split(";")).map(String::strip).filter(t -> !t.isEmpty()).forEach(tags::add);
    return tags.isEmpty() ? null : String.join(";", tags);
  }
}
