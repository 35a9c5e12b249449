package dev.heron.jobs.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.BounceClass;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.jobs.TestEvents;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SuppressionRulesTest {
  private final TestEvents events = new TestEvents();
  private final Instant at = Instant.parse("2026-03-04T10:00:00Z");

  @Test
  void addressBouncesSuppressAndPolicyBlocksDoNot() {
    assertThat(SuppressionRules.reasonFor(bounce(BounceClass.HARD, "5.1.1")))
        .contains("hard_bounce");
    assertThat(SuppressionRules.reasonFor(bounce(BounceClass.HARD, "5.1.10")))
        .contains("hard_bounce");
    assertThat(SuppressionRules.reasonFor(bounce(BounceClass.HARD, "5.2.1")))
        .contains("hard_bounce");
    assertThat(SuppressionRules.reasonFor(bounce(BounceClass.HARD, null))).contains("hard_bounce");
    assertThat(SuppressionRules.reasonFor(bounce(BounceClass.HARD, "5.7.1"))).isEmpty();
    assertThat(SuppressionRules.reasonFor(bounce(BounceClass.HARD, "5.7.26"))).isEmpty();
    assertThat(SuppressionRules.reasonFor(bounce(BounceClass.BLOCK, "5.1.1"))).isEmpty();
    assertThat(SuppressionRules.reasonFor(bounce(BounceClass.SOFT, "4.2.2"))).isEmpty();
  }

  @Test
  void complaintsAndUnsubscribesAlwaysSuppressAndEngagementNever() {
    UUID m = UUID.randomUUID();
    assertThat(SuppressionRules.reasonFor(events.event(EventType.COMPLAINED, m, at)))
        .contains("complaint");
    assertThat(SuppressionRules.reasonFor(events.event(EventType.UNSUBSCRIBED, m, at)))
        .contains("unsubscribe");
    assertThat(SuppressionRules.reasonFor(events.event(EventType.OPENED, m, at))).isEmpty();
    assertThat(SuppressionRules.reasonFor(events.event(EventType.DELIVERED, m, at))).isEmpty();
  }

  @Test
  void theDetailKeepsTheExactReply() {
    assertThat(SuppressionRules.detailOf(bounce(BounceClass.HARD, "5.1.1")))
        .isEqualTo("bounced 5.1.1: 550 5.1.1 no such user");
  }

  private Event bounce(BounceClass bounceClass, String status) {
    return events
        .of(EventType.BOUNCED, UUID.randomUUID(), at)
        .bounceClass(bounceClass)
        .smtpReply(550, status, status == null ? "550 rejected" : "550 " + status + " no such user")
        .build();
  }
}
