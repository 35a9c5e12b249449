package dev.heron.jobs.warmup;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Warmup plans held in memory, for the function's harness tests. */
final class FixedWarmupPlans implements WarmupPlans {
  private final HashMap<String, WarmupPlan> plans = new HashMap<>();
  int lookups;

  FixedWarmupPlans with(String ip, WarmupPlan plan) {
    plans.put(ip, plan);
    return this;
  }

  void remove(String ip) {
    plans.remove(ip);
  }

  Map<String, WarmupPlan> all() {
    return plans;
  }

  @Override
  public void open() {}

  @Override
  public Optional<WarmupPlan> find(String ip) {
    lookups++;
    return Optional.ofNullable(plans.get(ip));
  }

  @Override
  public void close() {}
}
