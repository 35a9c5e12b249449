package dev.heron.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AbTestDecisionTest {
  private final AbTestDecision decision =
      new AbTestDecision(
          "6f1c0b8e-3c1a-4c55-9d55-0d1f8f9a2b10",
          "c1",
          "opens",
          "B",
          "significant: z=4.10 >= 3.29",
          4.1,
          Instant.parse("2026-03-04T10:01:30Z"),
          List.of(
              new AbTestDecision.VariantResult("B", 200, 90, 0.45),
              new AbTestDecision.VariantResult("A", 200, 30, 0.15)));

  @Test
  void readsBackWhatItWrites() throws Exception {
    byte[] wire = Json.write(decision);

    assertThat(Json.mapper().readValue(wire, AbTestDecision.class)).isEqualTo(decision);
    assertThat(Json.mapper().readTree(wire).get("decidedAt").asText())
        .isEqualTo("2026-03-04T10:01:30Z");
  }

  @Test
  void isKeyedByTheTestAndOnACompactedTopic() {
    assertThat(decision.key()).isEqualTo("6f1c0b8e-3c1a-4c55-9d55-0d1f8f9a2b10");
    assertThat(Topics.all())
        .anySatisfy(
            spec -> {
              assertThat(spec.name()).isEqualTo(Topics.AB_DECISIONS);
              assertThat(spec.config()).containsEntry("cleanup.policy", "compact");
            });
  }
}
