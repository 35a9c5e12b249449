package dev.heron.jobs.warmup;

import java.io.Serializable;
import java.util.Optional;

/** Where the guard finds an IP's warmup plan: {@code warmup_schedules} in production. */
public interface WarmupPlans extends Serializable, AutoCloseable {
  /** Called once per parallel instance before the first {@link #find}. */
  void open() throws Exception;

  /** The IP's warmup, or nothing when the IP is not warming up. */
  Optional<WarmupPlan> find(String ip) throws Exception;

  @Override
  void close() throws Exception;
}
