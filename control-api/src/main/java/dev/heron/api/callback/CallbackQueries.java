package dev.heron.api.callback;

/** The names of the blocks in {@code db/queries/callbacks.sql}, checked when the service starts. */
final class CallbackQueries {
  static final String FILE = "callbacks";

  static final String SECRET_UPSERT = "callback-secret-upsert";
  static final String SECRET = "callback-secret";
  static final String SECRETS = "callback-secrets";
  static final String MESSAGE_BY_PROVIDER_ID = "callback-message-by-provider-id";
  static final String MESSAGE_OF_TENANT = "callback-message-of-tenant";
  static final String UNPARSED = "callback-unparsed";

  static final String[] ALL = {
    SECRET_UPSERT, SECRET, SECRETS, MESSAGE_BY_PROVIDER_ID, MESSAGE_OF_TENANT, UNPARSED
  };

  private CallbackQueries() {}
}
