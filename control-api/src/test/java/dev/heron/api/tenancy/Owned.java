package dev.heron.api.tenancy;

import java.util.List;
import java.util.UUID;

/**
 * One of everything a tenant owns, as the walk needs it: the ids it fills path variables with, and
 * the values (names, addresses, URLs, secrets) that must never show up in another tenant's answer.
 *
 * @param campaignId a draft campaign, so that a leaking state change shows in its status
 * @param messageId a message of a second, launched campaign (for tokens and the timeline)
 * @param ip a sending IP in one of the tenant's own pools
 */
record Owned(
    UUID tenantId,
    String key,
    String marker,
    UUID contactId,
    UUID listId,
    UUID templateId,
    int templateVersion,
    UUID identityId,
    UUID campaignId,
    UUID importId,
    UUID webhookId,
    UUID recommendationId,
    UUID messageId,
    String ip,
    String callbackSecret,
    String verifyToken) {

  /** What another tenant's answer may not contain unless it already was in its own request. */
  List<String> secrets() {
    return List.of(
        marker,
        tenantId.toString(),
        contactId.toString(),
        listId.toString(),
        templateId.toString(),
        identityId.toString(),
        campaignId.toString(),
        importId.toString(),
        webhookId.toString(),
        recommendationId.toString(),
        messageId.toString(),
        ip,
        callbackSecret,
        verifyToken);
  }
}
