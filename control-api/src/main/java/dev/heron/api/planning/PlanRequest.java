package dev.heron.api.planning;

import dev.heron.api.audience.CompiledFilter;
import dev.heron.events.Channel;
import dev.heron.events.MessageClass;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What to plan: one campaign on one channel, for the contacts its audience condition selects.
 *
 * @param templateIds the campaign's templates on this channel (no marketing template twice)
 * @param dueAt when messages are due unless send time or warmup says later
 * @param windowStart, windowEnd the send window (null: from {@code dueAt} for {@link
 *     #DEFAULT_WINDOW})
 * @param warmupPool the identity's pool whose warmup caps apply, null when warmup is off
 */
public record PlanRequest(
    UUID tenantId,
    UUID campaignId,
    Channel channel,
    MessageClass messageClass,
    CompiledFilter audience,
    Split split,
    List<UUID> templateIds,
    Instant dueAt,
    Instant windowStart,
    Instant windowEnd,
    boolean sendTimeOptimization,
    UUID warmupPool,
    FrequencyCap frequencyCap) {

  /** How far ahead send-time optimization looks when the campaign has no window. */
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

  public boolean isMarketing() {
    return messageClass == MessageClass.MARKETING;
  }

  /** Where the window starts: never before the messages are due. */
  Instant effectiveWindowStart() {
    return windowStart == null || windowStart.isBefore(dueAt) ? dueAt : windowStart;
  }

  Instant effectiveWindowEnd() {
    return windowEnd == null ? effectiveWindowStart().plus(DEFAULT_WINDOW) : windowEnd;
  }
}
