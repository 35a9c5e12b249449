package dev.heron.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The JSON parser's messages as the API receives them, made readable. */
class JsonBodyErrorsTest {
  private static final String SOURCE =
      "[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); ";

  @Test
  void aValueOfTheWrongKindIsSaidInWordsWithItsPosition() {
    String message =
        "Unexpected token START_OBJECT, expected VALUE_STRING \n at "
            + SOURCE
            + "line: 1, column: 11]";

    assertThat(JsonBodyErrors.isParserMessage(message)).isTrue();
    assertThat(JsonBodyErrors.readable(message))
        .isEqualTo("a text was expected, not an object (line 1, column 11)");
  }

  @Test
  void theFieldIsFoundAtThePositionTheParserNames() {
    String wrongName =
        "Unexpected token START_OBJECT, expected VALUE_STRING \n at "
            + SOURCE
            + "line: 1, column: 11]";
    assertThat(JsonBodyErrors.fieldAt(wrongName, "{\"name\": {\"nested\": [1]}, \"id\": 12}"))
        .contains("name");

    // '{' of the list's second item is at line 2, column 31; the parser names the column after it.
    String nested =
        "Unexpected token START_OBJECT, expected VALUE_STRING \n at "
            + SOURCE
            + "line: 2, column: 32]";
    assertThat(
            JsonBodyErrors.fieldAt(
                nested, "{\n  \"audience\": {\"lists\": [\"a\", {\"x\": 1}]}\n}"))
        .contains("audience.lists.1");

    assertThat(JsonBodyErrors.fieldAt(wrongName, null)).isEmpty();
    assertThat(JsonBodyErrors.fieldAt("no position", "{}")).isEmpty();
  }

  @Test
  void aBodyCutShortIsSaidWithoutTheParsersInternals() {
    String message =
        "Invalid JSON: Unexpected end-of-input: expected close marker for Object (start marker at "
            + SOURCE
            + "line: 1, column: 1])\n at "
            + SOURCE
            + "line: 1, column: 2]";

    assertThat(JsonBodyErrors.readable(message))
        .isEqualTo(
            "Invalid JSON: Unexpected end-of-input: expected close marker for Object"
                + " (line 1, column 2)");
  }

  @Test
  void aMessageWithoutAPositionIsNoParserMessage() {
    assertThat(JsonBodyErrors.isParserMessage("Required Body [request] not specified")).isFalse();
  }
}
