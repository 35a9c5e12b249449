package dev.heron.bench.model;

import dev.heron.jobs.sendtime.ContactReadings;
import dev.heron.jobs.sendtime.Reading;
import dev.heron.jobs.sendtime.SendTimeRules;
import dev.heron.simulator.recipients.Habits;
import java.util.Arrays;

/**
 * What the best possible reader of a contact's readings would find in the simulated world: the same
 * likelihood as Heron's model, but with the simulator's own habit shape ({@link Habits#affinity})
 * and its reading numbers (read over 72 hours, halving per day of waiting; opened less the longer
 * it waited; 10 % read on arrival), which no real system knows. It bounds what any model can reach
 * with the same readings; it is not a model Heron could run.
 */
final class SimulatorShapeOracle {
  private static final int HOURS = 168;
  private static final int HORIZON = 72;
  private static final double AT_DELIVERY = 0.1;
  private static final double[] HABIT = new double[HOURS];
  private static final double[] READ_LATER = new double[HOURS];
  private static final double[] READ_AND_OPEN = new double[HOURS];
  private static final double[] NORMALIZER = new double[HOURS];

  static {
    Habits peakAtZero = new Habits(0.5, 0, 0, 0, 0, 0, false);
    for (int offset = 0; offset < HOURS; offset++) {
      HABIT[offset] = peakAtZero.affinity(offset);
    }
    for (int delay = 0; delay < HORIZON; delay++) {
      READ_LATER[delay] = Math.pow(0.5, delay / 24.0);
      READ_AND_OPEN[delay] = READ_LATER[delay] * Math.pow(0.5, (delay + 0.5) / 24.0);
    }
    for (int deliveredFromPeak = 0; deliveredFromPeak < HOURS; deliveredFromPeak++) {
      for (int delay = 0; delay < HORIZON; delay++) {
        NORMALIZER[deliveredFromPeak] +=
            HABIT[(deliveredFromPeak + delay) % HOURS] * READ_LATER[delay];
      }
    }
  }

  private SimulatorShapeOracle() {}

  /** The three likeliest peak hours (all readings counted alike: the habits do not change). */
  static int[] bestHours(ContactReadings contact) {
    double[] log = new double[HOURS];
    double habitTotal = Arrays.stream(HABIT).sum();
    for (Reading r : contact.readings()) {
      for (int peak = 0; peak < HOURS; peak++) {
        int offset = Math.floorMod(r.hourOfWeek() - peak, HOURS);
        double p;
        if (!r.delivered()) {
          p = HABIT[offset] / habitTotal;
        } else {
          int delay = Math.floorMod(r.hourOfWeek() - r.deliveredHourOfWeek(), HOURS);
          int deliveredFromPeak = Math.floorMod(r.deliveredHourOfWeek() - peak, HOURS);
          p =
              (delay == 0 ? AT_DELIVERY : 0)
                  + (1 - AT_DELIVERY)
                      * HABIT[offset]
                      * READ_AND_OPEN[delay]
                      / NORMALIZER[deliveredFromPeak];
        }
        log[peak] += Math.log(Math.max(p, 1e-12));
      }
    }
    return SendTimeRules.bestHours(log);
  }
}
