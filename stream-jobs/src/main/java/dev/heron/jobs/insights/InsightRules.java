package dev.heron.jobs.insights;

import dev.heron.events.Event;
import dev.heron.events.EventType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What one event adds to the insight buckets. Plain Java: no Flink in here. */
public final class InsightRules {
  private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();

  private InsightRules() {}

  /** The bucket an event counts in; none for an event that belongs to no campaign. */
  public static Optional<BucketKey> bucketOf(Event e) {
    if (e.campaignId() == null) {
      return Optional.empty();
    }
    long millis = e.occurredAt().toEpochMilli();
    return Optional.of(
        new BucketKey(
            Math.floorDiv(millis, HOUR_MILLIS) * HOUR_MILLIS,
            e.tenantId().toString(),
            e.campaignId().toString(),
            e.channel().wireName(),
            orEmpty(e.provider()),
            orEmpty(e.senderIdentity()),
            orEmpty(e.variant())));
  }

  /**
   * The counters an event adds on its own, that is everything but the unique opens and clicks,
   * which depend on the message's history (see {@link #apply}).
   */
  public static long[] counts(Event e) {
    long[] counts = Counter.zeros();
    switch (e.type()) {
      case SENT -> add(counts, Counter.SENT, 1);
      case DELIVERED -> add(counts, Counter.DELIVERED, 1);
      case DEFERRED -> add(counts, Counter.DEFERRED, 1);
      case BOUNCED ->
          add(
              counts,
              switch (e.bounceClass()) {
                case HARD -> Counter.BOUNCED_HARD;
                case SOFT -> Counter.BOUNCED_SOFT;
                case BLOCK -> Counter.BLOCKED;
              },
              1);
      case FAILED -> add(counts, Counter.FAILED, 1);
      case DROPPED -> add(counts, Counter.DROPPED, 1);
      case OPENED -> add(counts, e.isHumanOpen() ? Counter.OPENS_TOTAL : Counter.OPENS_MACHINE, 1);
      case CLICKED -> add(counts, Counter.CLICKS_TOTAL, 1);
      case REPLIED -> add(counts, Counter.REPLIES, 1);
      case UNSUBSCRIBED -> add(counts, Counter.UNSUBSCRIBES, 1);
      case COMPLAINED -> add(counts, Counter.COMPLAINTS, 1);
      case CONVERTED -> {
        add(counts, Counter.CONVERSIONS, 1);
        add(counts, Counter.CONVERSION_VALUE_CENTS, cents(e.value()));
      }
    }
    return counts;
  }

  /**
   * What a message's event changes, given the message's first human open and first click so far. A
   * unique open (click) is counted once per message, in the bucket of its earliest human open
   * (click) by event time: a late event that is earlier than the recorded one moves the count to
   * its own bucket, so the result does not depend on the order events arrive in.
   */
  public static Outcome apply(
      Event e, BucketKey bucket, FirstTouch firstOpen, FirstTouch firstClick) {
    Map<BucketKey, long[]> deltas = new LinkedHashMap<>();
    merge(deltas, bucket, counts(e));
    FirstTouch touch = new FirstTouch(e.occurredAt().toEpochMilli(), bucket);
    if (e.isHumanOpen()) {
      firstOpen = moveUnique(deltas, Counter.OPENS_UNIQUE, firstOpen, touch);
    }
    if (e.type() == EventType.CLICKED) {
      firstClick = moveUnique(deltas, Counter.CLICKS_UNIQUE, firstClick, touch);
    }
    List<BucketDelta> changes = new ArrayList<>();
    deltas.forEach(
        (key, counts) -> {
          if (Arrays.stream(counts).anyMatch(c -> c != 0)) {
            changes.add(new BucketDelta(key, counts));
          }
        });
    return new Outcome(changes, firstOpen, firstClick);
  }

  /** The bucket changes of one event and the message's first touches after it. */
  public record Outcome(List<BucketDelta> deltas, FirstTouch firstOpen, FirstTouch firstClick) {}

  /** Adds {@code delta} to {@code totals} in place and returns them. */
  public static long[] addTo(long[] totals, long[] delta) {
    for (int i = 0; i < totals.length; i++) {
      totals[i] += delta[i];
    }
    return totals;
  }

  private static FirstTouch moveUnique(
      Map<BucketKey, long[]> deltas, Counter unique, FirstTouch previous, FirstTouch candidate) {
    if (previous == null) {
      merge(deltas, candidate.bucket(), single(unique, 1));
      return candidate;
    }
    if (candidate.occurredAtMillis() < previous.occurredAtMillis()) {
      merge(deltas, previous.bucket(), single(unique, -1));
      merge(deltas, candidate.bucket(), single(unique, 1));
      return candidate;
    }
    return previous;
  }

  private static void merge(Map<BucketKey, long[]> deltas, BucketKey key, long[] counts) {
    deltas.merge(key, counts, InsightRules::addTo);
  }

  private static long[] single(Counter counter, long value) {
    long[] counts = Counter.zeros();
    counts[counter.ordinal()] = value;
    return counts;
  }

  private static void add(long[] counts, Counter counter, long value) {
    counts[counter.ordinal()] += value;
  }

  static long cents(BigDecimal value) {
    return value == null
        ? 0
        : value.setScale(2, RoundingMode.HALF_UP).movePointRight(2).longValueExact();
  }

  private static String orEmpty(String value) {
    return Objects.requireNonNullElse(value, "");
  }
}
