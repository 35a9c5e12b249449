package dev.heron.jobs.sendtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.jobs.sendtime.Engagement.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EngagementStepTest {
  private static final long HOUR = Duration.ofHours(1).toMillis();

  @Test
  void aDeliveryIsRecordedUnreadAndMakesNoReading() {
    EngagementStep step = EngagementStep.of(engagement(Kind.DELIVERED, 2 * HOUR, 20), null);

    assertThat(step.recorded()).isEqualTo(new Delivery(2 * HOUR, 20, false));
    assertThat(step.reading()).isNull();
  }

  @Test
  void aDeliveryAgainReplacesWhatWasKeptForItsMessage() {
    Delivery readEarlier = new Delivery(0, 10, true);

    EngagementStep step = EngagementStep.of(engagement(Kind.DELIVERED, 30 * HOUR, 40), readEarlier);

    assertThat(step.recorded()).isEqualTo(new Delivery(30 * HOUR, 40, false));
    assertThat(step.reading()).isNull();
  }

  @Test
  void theFirstOpenIsANewReadingAgainstItsDeliveryAndMarksTheMessageRead() {
    Delivery delivered = new Delivery(0, 20, false);

    EngagementStep step = EngagementStep.of(engagement(Kind.OPENED, 13 * HOUR, 33), delivered);

    assertThat(step.reading())
        .isEqualTo(new ContactReading("t", "c", new Reading(33, 20, 13 * HOUR), true));
    assertThat(step.recorded()).isEqualTo(new Delivery(0, 20, true));
  }

  @Test
  void aClickAfterTheOpenIsARepeatAndKeepsTheMessageAsItWas() {
    Delivery read = new Delivery(0, 20, true);

    EngagementStep step = EngagementStep.of(engagement(Kind.CLICKED, 14 * HOUR, 34), read);

    assertThat(step.reading())
        .isEqualTo(new ContactReading("t", "c", new Reading(34, 20, 14 * HOUR), false));
    assertThat(step.recorded()).isNull();
  }

  @Test
  void anOpenWhoseDeliveryWasNotSeenIsMarkedSoThatALaterClickIsARepeat() {
    EngagementStep open = EngagementStep.of(engagement(Kind.OPENED, 5 * HOUR, 5), null);

    assertThat(open.reading())
        .isEqualTo(
            new ContactReading("t", "c", new Reading(5, Reading.NOT_DELIVERED, 5 * HOUR), true));
    assertThat(open.recorded()).isEqualTo(new Delivery(5 * HOUR, Reading.NOT_DELIVERED, true));

    EngagementStep click =
        EngagementStep.of(engagement(Kind.CLICKED, 6 * HOUR, 6), open.recorded());
    assertThat(click.reading().firstOfMessage()).isFalse();
    assertThat(click.reading().reading().delivered()).isFalse();
    assertThat(click.recorded()).isNull();
  }

  @Test
  void aFirstOpenPastTheReadHorizonIsReadWithoutItsDeliveryButStillMarksIt() {
    Delivery delivered = new Delivery(0, 20, false);
    long late = SendTimeRules.READ_HORIZON.toMillis() + HOUR;

    EngagementStep step = EngagementStep.of(engagement(Kind.OPENED, late, 21), delivered);

    assertThat(step.reading().reading().delivered()).isFalse();
    assertThat(step.reading().firstOfMessage()).isTrue();
    assertThat(step.recorded()).isEqualTo(new Delivery(0, 20, true));
  }

  private static Engagement engagement(Kind kind, long atMillis, int hourOfWeek) {
    return new Engagement("t", "c", "m1", kind, atMillis, hourOfWeek);
  }
}
