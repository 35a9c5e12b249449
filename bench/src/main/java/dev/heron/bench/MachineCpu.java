package dev.heron.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds the whole machine has spent busy (every process: the one measured, the simulator, the
 * broker, the database and anything else), from {@code /proc/stat}. The difference between two
 * readings over a run, divided by its messages, is what one message costs the machine; on a machine
 * of {@code n} cores, {@code n} seconds of it a second is the ceiling.
 */
public final class MachineCpu {
  /** Linux reports {@code /proc/stat} in clock ticks of 1/100 s (USER_HZ). */
  private static final double TICKS_PER_SECOND = 100;

  private MachineCpu() {}

  /** Busy CPU seconds since boot, summed over cores; NaN where there is no {@code /proc/stat}. */
  public static double busySeconds() {
    Path stat = Path.of("/proc/stat");
    if (!Files.isReadable(stat)) {
      return Double.NaN;
    }
    try {
      String line = Files.readAllLines(stat).get(0); // "cpu  user nice system idle iowait irq …"
      String[] f = line.trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        if (i != 4 && i != 5) { // idle and iowait are not work
          busy += Long.parseLong(f[i]);
        }
      }
      return busy / TICKS_PER_SECOND;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
