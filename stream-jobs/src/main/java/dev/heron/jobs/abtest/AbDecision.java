package dev.heron.jobs.abtest;

/**
 * A decided A/B test: the winner, when (event time) and the decision's details as JSON for {@code
 * ab_tests.decision}.
 */
public record AbDecision(
    String testId, String campaignId, String winner, long decidedAtMillis, String decisionJson) {}
