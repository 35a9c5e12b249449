package dev.heron.api.error;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the JSON parser's complaints about a request body readable: which field of the body the
 * parser was at ({@code audience.lists.0}, found from the position it names in the body that {@link
 * KeptJsonBody} kept), what it found against what it expected in words, and where, without the
 * parser's internal names ({@code START_OBJECT}, {@code [Source: ...]}).
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

  private static final JsonFactory JSON = new JsonFactory();

  private JsonBodyErrors() {}

  /**
   * The field of {@code body} the parser had reached at the position the message names, as a dotted
   * path ({@code audience.lists.0}); empty without a position, without the body, or at a position
   * outside every field.
   */
  static Optional<String> fieldAt(String message, String body) {
    MatchResult location = last(message);
    if (body == null || location == null) {
      return Optional.empty();
    }
    int line = Integer.parseInt(location.group(1));
    int column = Integer.parseInt(location.group(2));
    String path = null;
    try (JsonParser parser = JSON.createParser(body)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        JsonLocation at = parser.currentTokenLocation();
        if (at.getLineNr() > line || (at.getLineNr() == line && at.getColumnNr() >= column)) {
          break;
        }
        JsonStreamContext context = parser.getParsingContext();
        // An object or list opens a context of its own: the field is its parent's.
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          context = context.getParent();
        }
        path = context == null ? null : dotted(context);
      }
    } catch (IOException e) {
      // The body is unreadable from here on: the last field reached is the one.
    }
    return Optional.ofNullable(path).filter(p -> !p.isEmpty());
  }

  /** {@code /audience/lists/0} → {@code audience.lists.0}. */
  private static String dotted(JsonStreamContext context) {
    String pointer = context.pathAsPointer().toString();
    return pointer.isEmpty() ? "" : pointer.substring(1).replace('/', '.');
  }

  /** Whether the message is the JSON parser's, with a position in the body. */
  static boolean isParserMessage(String message) {
    return LOCATION.matcher(message).find();
  }

  /**
   * {@code reason} in words, with its line and column: "a text was expected, not an object (line 1,
   * column 11)".
   */
  static String readable(String reason) {
    MatchResult location = last(reason);
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
  private static MatchResult last(String message) {
    Matcher m = LOCATION.matcher(message);
    MatchResult found = null;
    while (m.find()) {
      found = m.toMatchResult();
    }
    return found;
  }

  private static String words(String token) {
    return WORDS.getOrDefault(token, token);
  }
}
