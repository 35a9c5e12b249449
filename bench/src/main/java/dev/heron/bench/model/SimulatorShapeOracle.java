package dev.heron.bench.model;

import dev.heron.jobs.sendtime.ContactReadings;
import dev.heron.jobs.sendtime.Reading;
import dev.heron.jobs.sendtime.SendTimeRules;
import dev.heron.simulator.recipients.Habits;
import dev.heron.simulator.recipients.MailReading;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * What the best possible reader of a contact's readings would find in a simulated world: the same
 * likelihood as Heron's model, but with the world's own habit shape and reading numbers (for the
 * simulator: {@link Habits#affinity} and {@link MailReading}'s — read within its horizon, less each
 * day of waiting, opened less the longer it waited, a share read on arrival), which no real system
 * knows. It approximates what the best model could reach with the same readings (it leaves out the
 * first hour's partial share and scores opens at the middle of their hour, so it is a close reader,
 * not an exact bound); it is not a model Heron could run.
 */
final class SimulatorShapeOracle {
  private static final int HOURS = 168;
  private static final int HORIZON = MailReading.HORIZON_HOURS;

  /** The simulator's built-in world: a habit peaking at hour 0, and its reading numbers. */
  static final SimulatorShapeOracle SIMULATOR =
      new SimulatorShapeOracle(
          new Habits(0.5, 0, 0, 0, 0, 0, false)::affinity,
          MailReading.READING_AT_DELIVERY,
          delay -> Math.pow(MailReading.DAILY_DECAY, delay / 24.0));

  private final double atDelivery;
  private final double[] habit = new double[HOURS];
  private final double[] readAndOpen = new double[HOURS];
  private final double[] normalizer = new double[HOURS];
  private final double[] openChance = new double[HOURS];
  private final double habitTotal;

  /**
   * A world whose habit, by hours from the peak, is {@code habitByOffset}; {@code atDelivery} of
   * mail read on arrival, the chance to look {@code readLaterByDelay} (by hours after delivery),
   * and the chance to open when seen the simulator's freshness ({@link MailReading#freshness}, both
   * worlds').
   */
  SimulatorShapeOracle(
      IntToDoubleFunction habitByOffset, double atDelivery, IntToDoubleFunction readLaterByDelay) {
    this.atDelivery = atDelivery;
    double[] readLater = new double[HOURS];
    for (int offset = 0; offset < HOURS; offset++) {
      habit[offset] = habitByOffset.applyAsDouble(offset);
    }
    for (int delay = 0; delay < HORIZON; delay++) {
      readLater[delay] = readLaterByDelay.applyAsDouble(delay);
      // opened at the middle of its hour
      readAndOpen[delay] =
          readLater[delay] * MailReading.freshness(Duration.ofMinutes(delay * 60L + 30));
    }
    for (int deliveredFromPeak = 0; deliveredFromPeak < HOURS; deliveredFromPeak++) {
      for (int delay = 0; delay < HORIZON; delay++) {
        normalizer[deliveredFromPeak] +=
            habit[(deliveredFromPeak + delay) % HOURS] * readLater[delay];
      }
    }
    for (int deliveredFromPeak = 0; deliveredFromPeak < HOURS; deliveredFromPeak++) {
      double fresh = 0;
      for (int delay = 0; delay < HORIZON; delay++) {
        fresh += habit[(deliveredFromPeak + delay) % HOURS] * readAndOpen[delay];
      }
      openChance[deliveredFromPeak] =
          atDelivery + (1 - atDelivery) * fresh / normalizer[deliveredFromPeak];
    }
    habitTotal = Arrays.stream(habit).sum();
  }

  /**
   * A delivered message as a reader of every event sees it: the hour of the week it was delivered,
   * and the hour its first human open came, or {@link #NOT_OPENED} when none did.
   */
  record Message(int deliveredHourOfWeek, int openedHourOfWeek) {
    static final int NOT_OPENED = -1;

    boolean opened() {
      return openedHourOfWeek != NOT_OPENED;
    }
  }

  /**
   * The three likeliest peak hours from every delivered message, the unopened ones too: an unopened
   * message is likelier where the peak left it waiting long (each message's chance to be opened is
   * the person's {@code openProbability} × the freshness it kept until read). The person's {@code
   * openProbability} is not known: the likelihood is averaged over {@code openProbabilities} (the
   * world's range). This uses more of what the events say than {@link #bestHours}, which reads the
   * opens alone.
   */
  int[] bestHoursWithUnopened(List<Message> messages, double[] openProbabilities) {
    double[][] log = new double[openProbabilities.length][HOURS];
    for (Message m : messages) {
      for (int peak = 0; peak < HOURS; peak++) {
        int deliveredFromPeak = Math.floorMod(m.deliveredHourOfWeek() - peak, HOURS);
        if (m.opened()) {
          int delay = Math.floorMod(m.openedHourOfWeek() - m.deliveredHourOfWeek(), HOURS);
          int offset = Math.floorMod(m.openedHourOfWeek() - peak, HOURS);
          double q =
              Math.max(
                  (delay == 0 ? atDelivery : 0)
                      + (1 - atDelivery)
                          * habit[offset]
                          * readAndOpen[delay]
                          / normalizer[deliveredFromPeak],
                  1e-12);
          for (int p = 0; p < openProbabilities.length; p++) {
            log[p][peak] += Math.log(openProbabilities[p] * q);
          }
        } else {
          for (int p = 0; p < openProbabilities.length; p++) {
            log[p][peak] += Math.log(1 - openProbabilities[p] * openChance[deliveredFromPeak]);
          }
        }
      }
    }
    double[] marginal = new double[HOURS];
    for (int peak = 0; peak < HOURS; peak++) {
      double most = Double.NEGATIVE_INFINITY;
      for (double[] byPeak : log) {
        most = Math.max(most, byPeak[peak]);
      }
      double sum = 0;
      for (double[] byPeak : log) {
        sum += Math.exp(byPeak[peak] - most);
      }
      marginal[peak] = most + Math.log(sum);
    }
    return SendTimeRules.bestHours(marginal);
  }

  /** The three likeliest peak hours (all readings counted alike: the habits do not change). */
  int[] bestHours(ContactReadings contact) {
    double[] log = new double[HOURS];
    for (Reading r : contact.readings()) {
      for (int peak = 0; peak < HOURS; peak++) {
        int offset = Math.floorMod(r.hourOfWeek() - peak, HOURS);
        double p;
        if (!r.delivered()) {
          p = habit[offset] / habitTotal;
        } else {
          int delay = Math.floorMod(r.hourOfWeek() - r.deliveredHourOfWeek(), HOURS);
          int deliveredFromPeak = Math.floorMod(r.deliveredHourOfWeek() - peak, HOURS);
          p =
              (delay == 0 ? atDelivery : 0)
                  + (1 - atDelivery)
                      * habit[offset]
                      * readAndOpen[delay]
                      / normalizer[deliveredFromPeak];
        }
        log[peak] += Math.log(Math.max(p, 1e-12));
      }
    }
    return SendTimeRules.bestHours(log);
  }
}
