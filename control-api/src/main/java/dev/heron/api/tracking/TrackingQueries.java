package dev.heron.api.tracking;

/** The names of the blocks in {@code db/queries/tracking.sql}, checked when the service starts. */
final class TrackingQueries {
  static final String FILE = "tracking";

  static final String MESSAGE = "tracking-message";
  static final String MESSAGES = "tracking-messages";
  static final String LINK = "tracking-link";
  static final String SUPPRESS = "tracking-suppress";
  static final String OPT_OUT = "tracking-opt-out";

  static final String[] ALL = {MESSAGE, MESSAGES, LINK, SUPPRESS, OPT_OUT};

  private TrackingQueries() {}
}
