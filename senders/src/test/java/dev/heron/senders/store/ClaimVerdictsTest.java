package dev.heron.senders.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heron.senders.delivery.BadRecordException;
import dev.heron.senders.delivery.Verdict;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClaimVerdictsTest {
  private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000042");

  @Test
  void readsTheOutcomesASenderRecords() {
    assertThat(ClaimVerdicts.read(ID, "DELIVERED", null)).isEqualTo(Verdict.DELIVERED);
    assertThat(ClaimVerdicts.read(ID, "BOUNCED", "hard")).isEqualTo(Verdict.HARD);
    assertThat(ClaimVerdicts.read(ID, "DROPPED", null)).isEqualTo(Verdict.DROPPED);
  }

  @Test
  void forgivesCaseAsTheDatabaseCheckDoes() {
    assertThat(ClaimVerdicts.read(ID, "delivered", null)).isEqualTo(Verdict.DELIVERED);
    assertThat(ClaimVerdicts.read(ID, " Bounced ", "BLOCK")).isEqualTo(Verdict.BLOCK);
  }

  @Test
  void anUnknownOrNonFinalOutcomeIsABadRecordNamingTheColumn() {
    assertThatThrownBy(() -> ClaimVerdicts.read(ID, "sent-ish", null))
        .isInstanceOf(BadRecordException.class)
        .hasMessage(
            "message_claims.outcome of "
                + ID
                + ": 'sent-ish' is not a final outcome (DELIVERED, BOUNCED, FAILED, DROPPED)");
    assertThatThrownBy(() -> ClaimVerdicts.read(ID, "DEFERRED", null))
        .isInstanceOf(BadRecordException.class)
        .hasMessageContaining("'DEFERRED'");
    assertThatThrownBy(() -> ClaimVerdicts.read(ID, "BOUNCED", "squishy"))
        .isInstanceOf(BadRecordException.class)
        .hasMessageContaining("message_claims.bounce_class of " + ID);
  }
}
