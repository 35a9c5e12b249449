package dev.heron.api.message;

/** The blocks of {@code db/queries/reads.sql} that message search and the timeline use. */
final class MessageQueries {
  static final String FILE = "reads";

  static final String BY_ID = "messages-by-id";
  static final String BY_RECIPIENT = "messages-by-recipient";
  static final String BY_CAMPAIGN = "messages-by-campaign";
  static final String BY_CONTACT = "messages-by-contact";
  static final String EVENTS = "message-events";
  static final String CONTACT_EXISTS = "contact-exists";
  static final String CAMPAIGN_OF_TENANT = "campaign-of-tenant";

  static final String[] ALL = {
    BY_ID, BY_RECIPIENT, BY_CAMPAIGN, BY_CONTACT, EVENTS, CONTACT_EXISTS, CAMPAIGN_OF_TENANT
  };

  private MessageQueries() {}
}
