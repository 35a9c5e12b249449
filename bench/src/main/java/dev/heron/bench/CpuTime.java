package dev.heron.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds spent: by one process, or by the whole machine (every process: the one measured, the
 * simulator, the broker, the database and anything else). The difference between two readings over
 * a run, divided by its messages, is what one message costs; on a machine of {@code n} cores,
 * {@code n} seconds of it a second is the ceiling.
 */
public final class CpuTime {
  /** Linux reports {@code /proc/stat} in clock ticks of 1/100 s (USER_HZ). */
  private static final double TICKS_PER_SECOND = 100;

  private CpuTime() {}

  /** The CPU seconds {@code process} has used, user and system; NaN where the OS does not say. */
  public static double ofProcess(ProcessHandle process) {
    return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
  }

  /**
   * The machine's busy CPU seconds since boot ({@code /proc/stat}), summed over cores; NaN where
   * there is no {@code /proc/stat}.
   */
  public static double ofMachine() {
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
