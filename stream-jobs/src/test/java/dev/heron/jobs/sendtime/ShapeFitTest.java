package dev.heron.jobs.sendtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShapeFitTest {
  private static final long HOUR = 3_600_000L;

  @Test
  void recoversTheShapeThatGeneratedAPopulationsReadings() {
    ReadingShape wideOnItsDayNarrowerOnOthers = new ReadingShape(3, 0.5, 2, 0.05, 0.1, 24);
    ReadingShape wideNoisyAndQuick = new ReadingShape(4, 0.25, 4, 0.1, 0.2, 12);
    ReadingShape narrowAndDaily = new ReadingShape(1.5, 0.75, 1.5, 0.02, 0.05, 48);

    for (ReadingShape truth :
        List.of(wideOnItsDayNarrowerOnOthers, wideNoisyAndQuick, narrowAndDaily)) {
      List<ContactReadings> population = population(truth, ShapeFit.SAMPLE_CONTACTS, 40, 7);
      assertThat(ShapeFit.fit(population)).as("fitted to %s", truth).isEqualTo(truth);
    }
  }

  @Test
  void newContactsJoinTheSampleOnlyWhileItHasRoom() {
    Reading r = new Reading(33, 20, 13 * HOUR);

    assertThat(ShapeFit.sampled(null, ShapeFit.SAMPLE_CONTACTS - 1, r).readings())
        .containsExactly(r);
    assertThat(ShapeFit.sampled(null, ShapeFit.SAMPLE_CONTACTS, r)).isNull();
  }

  @Test
  void aSampledContactStaysWhenTheSampleIsFullKeepingItsNewestReadings() {
    // joined as the last contact with room; every later reading comes with the sample full
    ContactReadings sampled =
        ShapeFit.sampled(null, ShapeFit.SAMPLE_CONTACTS - 1, new Reading(0, -1, 0));
    for (int i = 1; i < ShapeFit.READINGS_PER_CONTACT + 5; i++) {
      sampled = ShapeFit.sampled(sampled, ShapeFit.SAMPLE_CONTACTS, new Reading(i % 168, -1, i));
    }

    assertThat(sampled.readings()).hasSize(ShapeFit.READINGS_PER_CONTACT);
    assertThat(sampled.readings()[0].atMillis()).isEqualTo(5);
    assertThat(sampled.observations()).isEqualTo(ShapeFit.READINGS_PER_CONTACT + 5);
  }

  @Test
  void theGeneratingShapeExplainsItsReadingsBetterThanTheDefault() {
    ReadingShape truth = new ReadingShape(3, 0.5, 2, 0.05, 0.1, 24);
    List<ContactReadings> population = population(truth, 100, 30, 11);

    assertThat(ShapeFit.logEvidence(population, truth))
        .isGreaterThan(ShapeFit.logEvidence(population, ReadingShape.DEFAULT));
  }

  @Test
  void aShapeReplacesTheOneInUseOnlyWhenLikelierByTheMargin() {
    assertThat(ShapeFit.replaces(-1000 + ShapeFit.SWITCH_MARGIN + 0.01, -1000)).isTrue();
    assertThat(ShapeFit.replaces(-1000 + ShapeFit.SWITCH_MARGIN, -1000)).isFalse();
    assertThat(ShapeFit.replaces(-1000 + 1, -1000)).isFalse();
    assertThat(ShapeFit.replaces(-1001, -1000)).isFalse();
  }

  @Test
  void refittingKeepsAShapeNearlyAsLikelyAsTheBestAndReplacesAClearlyWorseOne() {
    // A small sample (250 readings, just above the minimum): its shapes lie close together, some
    // within the margin of the likeliest.
    ReadingShape truth = new ReadingShape(3, 0.5, 2, 0.05, 0.1, 24);
    List<ContactReadings> population = population(truth, 10, 25, 7);
    ReadingShape best = ShapeFit.fit(population);
    double bestEvidence = ShapeFit.logEvidence(population, best);
    ReadingShape nearlyAsLikely = null;
    ReadingShape clearlyWorse = null;
    for (int axis = 0; axis < ReadingShape.axes(); axis++) {
      for (double value : ReadingShape.gridValues(axis)) {
        ReadingShape neighbour = best.with(axis, value);
        double gap = bestEvidence - ShapeFit.logEvidence(population, neighbour);
        if (gap > 0 && gap <= ShapeFit.SWITCH_MARGIN) {
          nearlyAsLikely = neighbour;
        } else if (gap > ShapeFit.SWITCH_MARGIN) {
          clearlyWorse = neighbour;
        }
      }
    }

    assertThat(nearlyAsLikely).as("a neighbour within the margin").isNotNull();
    assertThat(ShapeFit.refit(population, nearlyAsLikely)).isEqualTo(nearlyAsLikely);
    assertThat(clearlyWorse).as("a neighbour beyond the margin").isNotNull();
    assertThat(ShapeFit.refit(population, clearlyWorse)).isEqualTo(best);
    assertThat(ShapeFit.refit(population, best)).isEqualTo(best);
    assertThat(ShapeFit.refit(population, null)).isEqualTo(best);
  }

  @Test
  void tooFewReadingsKeepTheDefault() {
    List<ContactReadings> few =
        population(new ReadingShape(4, 0.25, 4, 0.1, 0.2, 12), 10, ShapeFit.MIN_READINGS / 20, 3);

    assertThat(ShapeFit.fit(few)).isEqualTo(ReadingShape.DEFAULT);
    assertThat(ShapeFit.fit(List.of())).isEqualTo(ReadingShape.DEFAULT);
  }

  @Test
  void aShapeWithAnImpossibleNumberNamesIt() {
    assertThatThrownBy(() -> new ReadingShape(0, 0.5, 2, 0.05, 0.1, 24))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spreadHours");
    assertThatThrownBy(() -> new ReadingShape(2, 0.5, 2, 0.05, 1, 24))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("atDelivery");
  }

  /**
   * Contacts with random peaks, each reading {@code readings} messages delivered at random hours,
   * as the shape says people read: on arrival, or at a later hour weighted by the habit and the
   * waiting, kept only if still opened then.
   */
  static List<ContactReadings> population(
      ReadingShape shape, int contacts, int readings, long seed) {
    ShapeTables tables = ShapeTables.of(shape);
    SplittableRandom random = new SplittableRandom(seed);
    List<ContactReadings> population = new ArrayList<>();
    for (int c = 0; c < contacts; c++) {
      int peak = random.nextInt(168);
      ContactReadings contact = null;
      long at = 0;
      while (contact == null || contact.readings().length < readings) {
        int delivered = random.nextInt(168);
        at += 2 * 24 * HOUR;
        int delay = readDelay(tables, peak, delivered, random);
        if (delay < 0) {
          continue; // looked at, but not opened
        }
        contact =
            SendTimeRules.add(
                contact, new Reading((delivered + delay) % 168, delivered, at + delay * HOUR));
      }
      population.add(contact);
    }
    return population;
  }

  /** Hours from delivery to the open, or -1 when the message is not opened. */
  private static int readDelay(
      ShapeTables tables, int peak, int delivered, SplittableRandom random) {
    if (random.nextDouble() < tables.shape.atDelivery()) {
      return 0;
    }
    double[] weights = new double[168];
    double total = 0;
    for (int delay = 0; delay < 168; delay++) {
      weights[delay] =
          tables.habit[Math.floorMod(delivered + delay - peak, 168)] * tables.readLater[delay];
      total += weights[delay];
    }
    double pick = random.nextDouble() * total;
    int delay = 0;
    while (delay < 167 && (pick -= weights[delay]) >= 0) {
      delay++;
    }
    boolean opened = random.nextDouble() < tables.readAndOpen[delay] / tables.readLater[delay];
    return opened ? delay : -1;
  }
}
