package dev.heron.api.error;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the JSON parser's complaints about a request body readable: what it found against what it
 * expected, in words, and where (line and column), without the parser's internal names ({@code
 * START_OBJECT}, {@code [Source: ...]}). The body itself is gone by then (the decoder consumed it),
 * so the position is what points at the field.
 */
final class JsonBodyErrors {
  private static final Pattern LOCATION = Pattern.compile("line: (\\d+), column: (\\d+)\\]");
  private static final Pattern START_MARKER =
      Pattern.compile("\\s*\\(start marker at \\[Source: [^\\]]*\\]\\)");
  private static final Pattern SOURCE = Pattern.compile("\\s*at \\[Source: .*", Pattern.DOTALL);
  private static final Pattern UNEXPECTED =
      Pattern.compile("Unexpected token \\(?(\\w+)\\)?, expected (\\w+)");
  private static final Map<String, String> WORDS =
      Map.ofEntries(
          Map.entry("START_OBJECT", "an object"),
          Map.entry("END_OBJECT", "the end of an object"),
          Map.entry("START_ARRAY", "a list"),
          Map.entry("END_ARRAY", "the end of a list"),
          Map.entry("VALUE_STRING", "a text"),
          Map.entry("VALUE_NUMBER_INT", "a whole number"),
          Map.entry("VALUE_NUMBER_FLOAT", "a number"),
          Map.entry("VALUE_TRUE", "true"),
          Map.entry("VALUE_FALSE", "false"),
          Map.entry("VALUE_NULL", "null"),
          Map.entry("FIELD_NAME", "a field name"));

  private JsonBodyErrors() {}

  /** Whether the message is the JSON parser's, with a position in the body. */
  static boolean isParserMessage(String message) {
    return LOCATION.matcher(message).find();
  }

  /**
   * {@code reason} in words, with its line and column: "a text was expected, not an object (line 1,
   * column 11)".
   */
  static String readable(String reason) {
    Matcher location = last(reason);
    String where =
        location != null
            ? " (line " + location.group(1) + ", column " + location.group(2) + ")"
            : "";
    String text =
        SOURCE.matcher(START_MARKER.matcher(reason).replaceAll("")).replaceAll("").strip();
    Matcher unexpected = UNEXPECTED.matcher(text);
    if (unexpected.find()) {
      text = words(unexpected.group(2)) + " was expected, not " + words(unexpected.group(1));
    }
    return text + where;
  }

  /** The position the parser stopped at: the last one the message names. */
  private static Matcher last(String message) {
    Matcher m = LOCATION.matcher(message);
    Matcher found = null;
    int from = 0;
    while (m.find(from)) {
      found = LOCATION.matcher(message);
      found.find(m.start());
      from = m.end();
    }
    return found;
  }

  private static String words(String token) {
    return WORDS.getOrDefault(token, token);
  }
}
