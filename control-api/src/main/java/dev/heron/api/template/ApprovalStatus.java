package dev.heron.api.template;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A template version's review by the channel's provider: unsubmitted → received → pending →
 * approved | rejected; an approved version may then be paused (and approved again), disabled or
 * archived. Only approved versions are sent.
 */
public enum ApprovalStatus {
  UNSUBMITTED,
  RECEIVED,
  PENDING,
  APPROVED,
  REJECTED,
  PAUSED,
  DISABLED,
  ARCHIVED;

  private static final Map<ApprovalStatus, Set<ApprovalStatus>> NEXT =
      Map.of(
          UNSUBMITTED, EnumSet.of(RECEIVED, ARCHIVED),
          RECEIVED, EnumSet.of(PENDING, REJECTED, ARCHIVED),
          PENDING, EnumSet.of(APPROVED, REJECTED),
          APPROVED, EnumSet.of(PAUSED, DISABLED, ARCHIVED),
          PAUSED, EnumSet.of(APPROVED, DISABLED, ARCHIVED),
          REJECTED, EnumSet.of(ARCHIVED),
          DISABLED, EnumSet.of(ARCHIVED),
          ARCHIVED, EnumSet.noneOf(ApprovalStatus.class));

  /** Thrown for a move the current state does not allow; the API answers 409. */
  public static final class IllegalTransition extends RuntimeException {
    IllegalTransition(String message) {
      super(message);
    }
  }

  /** {@code next}, when it may follow this state. */
  public ApprovalStatus to(ApprovalStatus next) {
    if (!NEXT.get(this).contains(next)) {
      String allowed =
          NEXT.get(this).isEmpty()
              ? "nothing: " + wireName() + " is final"
              : NEXT.get(this).stream()
                  .map(ApprovalStatus::wireName)
                  .collect(Collectors.joining(" or "));
      throw new IllegalTransition(
          "cannot move from "
              + wireName()
              + " to "
              + next.wireName()
              + "; from "
              + wireName()
              + " a version may move to "
              + allowed);
    }
    return next;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ApprovalStatus fromWire(String value) {
    return Arrays.stream(values())
        .filter(s -> s.wireName().equals(value))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown approval status '" + value + "'"));
  }

  static final String NAMES =
      Arrays.stream(values()).map(ApprovalStatus::wireName).collect(Collectors.joining(", "));
}
