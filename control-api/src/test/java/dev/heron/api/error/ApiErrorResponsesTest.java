package dev.heron.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiErrorResponsesTest {
  @Test
  void theFieldOfABodyThatDidNotDecodeIsNamed() {
    String message =
        "Failed to convert argument [request] for value [null] due to: Error decoding property"
            + " [AudienceRequest audience] of type [class X]: Error decoding property [List lists]"
            + " of type [class Y]: Invalid UUID string: nope";
    assertThat(ApiErrorResponses.decodedProperty(message)).contains("audience.lists");
    assertThat(ApiErrorResponses.reason(message)).isEqualTo("Invalid UUID string: nope");
  }

  @Test
  void aPlainConversionFailureKeepsItsReason() {
    String message = "Failed to convert argument [id] for value [x] due to: Invalid UUID string: x";
    assertThat(ApiErrorResponses.decodedProperty(message)).isEmpty();
    assertThat(ApiErrorResponses.reason(message)).isEqualTo("Invalid UUID string: x");
  }
}
