package dev.heron.api.message;

import dev.heron.api.db.Db;
import dev.heron.api.db.Rows;
import dev.heron.api.db.Tx;
import dev.heron.api.error.ApiException;
import dev.heron.api.message.MessageViews.EventView;
import dev.heron.api.message.MessageViews.MessageView;
import dev.heron.api.paging.Page;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Message search and the contact timeline: messages from {@code recipients} (tenant-scoped), each
 * with every event the archive holds for it, the exact SMTP replies included.
 */
@Singleton
public class MessageService {
  private final Db db;

  MessageService(Db db) {
    this.db = db.withQueries(MessageQueries.FILE, MessageQueries.ALL);
  }

  /** Exactly one of the three criteria; a page of messages, newest first. */
  Page<MessageView> search(
      UUID tenantId, String recipient, UUID messageId, UUID campaignId, Page.Request page) {
    int given =
        (recipient != null ? 1 : 0) + (messageId != null ? 1 : 0) + (campaignId != null ? 1 : 0);
    if (given != 1) {
      throw ApiException.badRequest(
          "recipient", "give exactly one of recipient, messageId or campaignId");
    }
    if (recipient != null && recipient.isBlank()) {
      throw ApiException.badRequest("recipient", "recipient: must not be blank");
    }
    return db.transaction(
        tx -> {
          List<MessageView> found;
          if (messageId != null) {
            found = tx.list(MessageQueries.BY_ID, MessageView::of, tenantId, messageId);
          } else if (campaignId != null) {
            if (tx.one(MessageQueries.CAMPAIGN_OF_TENANT, row -> true, tenantId, campaignId)
                .isEmpty()) {
              throw ApiException.notFound("campaign", campaignId);
            }
            found =
                tx.list(
                    MessageQueries.BY_CAMPAIGN,
                    MessageView::of,
                    tenantId,
                    campaignId,
                    page.limit(),
                    page.offset());
          } else {
            String address = recipient.strip();
            // Emails are stored lower-cased; phone numbers as given.
            String key = address.contains("@") ? address.toLowerCase(Locale.ROOT) : address;
            found =
                tx.list(
                    MessageQueries.BY_RECIPIENT,
                    MessageView::of,
                    tenantId,
                    key,
                    page.limit(),
                    page.offset());
          }
          return new Page<>(withEvents(tx, tenantId, found), page.limit(), page.offset());
        });
  }

  /** Every message to one contact, across campaigns, with their events: newest message first. */
  public Page<MessageView> timeline(UUID tenantId, UUID contactId, Page.Request page) {
    return db.transaction(
        tx -> {
          if (tx.one(MessageQueries.CONTACT_EXISTS, row -> true, tenantId, contactId).isEmpty()) {
            throw ApiException.notFound("contact", contactId);
          }
          List<MessageView> found =
              tx.list(
                  MessageQueries.BY_CONTACT,
                  MessageView::of,
                  tenantId,
                  contactId,
                  page.limit(),
                  page.offset());
          return new Page<>(withEvents(tx, tenantId, found), page.limit(), page.offset());
        });
  }

  private static List<MessageView> withEvents(Tx tx, UUID tenantId, List<MessageView> messages)
      throws SQLException {
    if (messages.isEmpty()) {
      return messages;
    }
    List<UUID> ids = messages.stream().map(MessageView::messageId).toList();
    Map<UUID, List<EventView>> byMessage = new HashMap<>();
    tx.list(
        MessageQueries.EVENTS,
        row ->
            byMessage
                .computeIfAbsent(Rows.uuid(row, "message_id"), id -> new ArrayList<>())
                .add(EventView.of(row)),
        tenantId,
        ids);
    return messages.stream()
        .map(m -> m.withEvents(byMessage.getOrDefault(m.messageId(), List.of())))
        .toList();
  }
}
