package dev.heron.api.webhook;

/** The names of the blocks in {@code db/queries/webhooks.sql}, checked when the service starts. */
final class WebhookQueries {
  static final String FILE = "webhooks";

  static final String INSERT = "webhook-insert";
  static final String BY_ID = "webhook-by-id";
  static final String LIST = "webhook-list";
  static final String DEACTIVATE = "webhook-deactivate";
  static final String ABANDON_PENDING = "webhook-abandon-pending";
  static final String DELIVERIES = "webhook-deliveries";
  static final String SUBSCRIPTIONS_OF_TENANT = "webhook-subscriptions-of-tenant";
  static final String DELIVERY_INSERT = "webhook-delivery-insert";
  static final String CLAIM_DUE = "webhook-claim-due";
  static final String DELIVERED = "webhook-delivered";
  static final String ATTEMPT_FAILED = "webhook-attempt-failed";

  static final String[] ALL = {
    INSERT,
    BY_ID,
    LIST,
    DEACTIVATE,
    ABANDON_PENDING,
    DELIVERIES,
    SUBSCRIPTIONS_OF_TENANT,
    DELIVERY_INSERT,
    CLAIM_DUE,
    DELIVERED,
    ATTEMPT_FAILED
  };

  private WebhookQueries() {}
}
