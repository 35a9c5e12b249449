package dev.heron.senders.store;

import dev.heron.sql.NamedQueries;

/** The senders' named SQL ({@code db/queries/senders.sql}), loaded and checked at start-up. */
public final class SendersQueries {
  static final String CLAIM = "claim-messages";
  static final String REFUSALS = "refusals";
  static final String RECORD_LINKS = "record-links";
  static final String RECORD_OUTCOMES = "record-outcomes";
  static final String CLAIM_COMPLETIONS = "claim-completions";
  static final String TEMPLATE_VERSION = "template-version";
  static final String ACTIVE_SENDING_IPS = "active-sending-ips";
  static final String MESSAGE_FACTS = "message-facts";
  static final String KEEP_UNREADABLE_REPORT = "keep-unreadable-report";
  static final String DKIM_KEY = "dkim-key";
  static final String TAKE_WARMUP_SLOT = "take-warmup-slot";
  static final String IDENTITY_POOL_IPS = "identity-pool-ips";
  static final String SCHEDULE_RETRY = "schedule-retry";
  static final String TAKE_DUE_RETRIES = "take-due-retries";
  static final String RENEW_LEASES = "renew-leases";
  static final String SET_APART_RETRIES = "set-apart-retries";

  private SendersQueries() {}

  public static NamedQueries load() {
    return NamedQueries.load(
        "senders",
        CLAIM,
        REFUSALS,
        RECORD_LINKS,
        RECORD_OUTCOMES,
        CLAIM_COMPLETIONS,
        TEMPLATE_VERSION,
        ACTIVE_SENDING_IPS,
        MESSAGE_FACTS,
        KEEP_UNREADABLE_REPORT,
        DKIM_KEY,
        TAKE_WARMUP_SLOT,
        IDENTITY_POOL_IPS,
        SCHEDULE_RETRY,
        TAKE_DUE_RETRIES,
        RENEW_LEASES,
        SET_APART_RETRIES);
  }
}
