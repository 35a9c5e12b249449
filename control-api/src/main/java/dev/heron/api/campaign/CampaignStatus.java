package dev.heron.api.campaign;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** A campaign's life: draft → scheduled → running → paused → completed | cancelled. */
public enum CampaignStatus {
  DRAFT,
  SCHEDULED,
  RUNNING,
  PAUSED,
  COMPLETED,
  CANCELLED;

  /** What a user (or, for completion, the service) asks of a campaign, and where it may ask it. */
  public enum Action {
    LAUNCH(EnumSet.of(DRAFT)),
    PLAN(EnumSet.of(SCHEDULED, RUNNING, PAUSED)),
    PAUSE(EnumSet.of(SCHEDULED, RUNNING)),
    RESUME(EnumSet.of(PAUSED)),
    CANCEL(EnumSet.of(DRAFT, SCHEDULED, RUNNING, PAUSED)),
    COMPLETE(EnumSet.of(RUNNING));

    private final Set<CampaignStatus> from;

    Action(Set<CampaignStatus> from) {
      this.from = from;
    }

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Thrown for an action the campaign's state does not allow; the API answers 409. */
  public static final class IllegalTransition extends RuntimeException {
    IllegalTransition(String message) {
      super(message);
    }
  }

  /**
   * The state after {@code action}; a launch or resume of a campaign scheduled for later waits in
   * {@link #SCHEDULED}.
   */
  public CampaignStatus after(Action action, boolean scheduledForLater) {
    if (!action.from.contains(this)) {
      throw new IllegalTransition(
          "cannot "
              + action.wireName()
              + " a campaign that is "
              + wireName()
              + "; "
              + action.wireName()
              + " needs a campaign that is "
              + action.from.stream()
                  .map(CampaignStatus::wireName)
                  .collect(Collectors.joining(" or ")));
    }
    return switch (action) {
      case LAUNCH, RESUME -> scheduledForLater ? SCHEDULED : RUNNING;
      case PLAN -> this;
      case PAUSE -> PAUSED;
      case CANCEL -> CANCELLED;
      case COMPLETE -> COMPLETED;
    };
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static CampaignStatus fromWire(String value) {
    return Arrays.stream(values())
        .filter(s -> s.wireName().equals(value))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown campaign status '" + value + "'"));
  }
}
