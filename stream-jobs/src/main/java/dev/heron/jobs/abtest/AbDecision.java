package dev.heron.jobs.abtest;

import dev.heron.events.AbTestDecision;
import dev.heron.events.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A decided A/B test: the record published on {@code heron.ab-decisions}, and what {@code ab_tests}
 * keeps of it.
 */
public record AbDecision(AbTestDecision published) {
  public String testId() {
    return published.testId();
  }

  public String campaignId() {
    return published.campaignId();
  }

  public String winner() {
    return published.winner();
  }

  public long decidedAtMillis() {
    return published.decidedAt().toEpochMilli();
  }

  /** The decision's details for {@code ab_tests.decision}, the shape control-api reads. */
  public String decisionJson() {
    Map<String, Object> decision = new LinkedHashMap<>();
    decision.put("metric", published.metric());
    decision.put("winner", published.winner());
    decision.put("reason", published.reason());
    decision.put("z", published.z());
    decision.put("variants", published.variants());
    return Json.writeString(decision);
  }
}
