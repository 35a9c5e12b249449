package dev.heron.jobs.abtest;

import java.io.Serializable;

/**
 * A running A/B test as {@code ab_tests} holds it.
 *
 * @param metric opens, clicks or conversions
 * @param windowEndsAtMillis when the test ends without a significant result; -1 for never
 */
public record AbTestPlan(String testId, String metric, long windowEndsAtMillis, boolean decided)
    implements Serializable {}
