package dev.heron.api.callback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heron.events.BounceClass;
import dev.heron.events.EventType;
import dev.heron.events.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The generic bounce and complaint webhook, for a provider or relay that reports them over HTTP.
 * Its body is one report or an array of them, signed with {@link
 * dev.heron.api.webhook.WebhookSignature}:
 *
 * <pre>
 * {"type": "bounce" | "complaint", "messageId": "&lt;Heron's id&gt;" or "providerMessageId": "...",
 *  "bounceClass": "hard" | "soft" | "block", "smtpCode": 550, "enhancedStatus": "5.1.1",
 *  "diagnostic": "550 5.1.1 user unknown", "occurredAt": "2026-01-31T10:00:00Z"}
 * </pre>
 *
 * A bounce needs its class; codes, diagnostic and time are optional (the time defaults to now).
 */
final class BounceCallbacks {
  static List<StatusReport> parse(byte[] body) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(body);
    } catch (IOException e) {
      throw new UnreadableCallback("body", "not JSON");
    }
    if (root == null || !(root.isObject() || root.isArray())) {
      throw new UnreadableCallback("body", "must be a report object or an array of them");
    }
    List<StatusReport> reports = new ArrayList<>();
    if (root.isObject()) {
      reports.add(report(root, ""));
    } else {
      for (int i = 0; i < root.size(); i++) {
        reports.add(report(root.get(i), "[" + i + "]."));
      }
    }
    return reports;
  }

  private static StatusReport report(JsonNode node, String at) {
    if (!node.isObject()) {
      throw new UnreadableCallback(
          at.isEmpty() ? "body" : at.substring(0, at.length() - 1), "not an object");
    }
    String kind = text(node, "type", at, true).toLowerCase(Locale.ROOT);
    EventType type =
        switch (kind) {
          case "bounce" -> EventType.BOUNCED;
          case "complaint" -> EventType.COMPLAINED;
          default ->
              throw new UnreadableCallback(
                  at + "type", "must be bounce or complaint, was '" + kind + "'");
        };
    String providerId = text(node, "providerMessageId", at, false);
    String ours = text(node, "messageId", at, false);
    UUID messageId = null;
    if (ours != null) {
      try {
        messageId = UUID.fromString(ours);
      } catch (IllegalArgumentException e) {
        throw new UnreadableCallback(at + "messageId", "not a UUID: '" + ours + "'");
      }
    }
    if (messageId == null && providerId == null) {
      throw new UnreadableCallback(at + "messageId", "missing (or give providerMessageId)");
    }
    Instant when = Instant.now();
    String occurred = text(node, "occurredAt", at, false);
    if (occurred != null) {
      try {
        when = Instant.parse(occurred);
      } catch (DateTimeParseException e) {
        throw new UnreadableCallback(
            at + "occurredAt", "not an ISO-8601 instant: '" + occurred + "'");
      }
    }
    BounceClass bounceClass = null;
    if (type == EventType.BOUNCED) {
      String wire = text(node, "bounceClass", at, true);
      bounceClass =
          java.util.Arrays.stream(BounceClass.values())
              .filter(b -> b.name().equalsIgnoreCase(wire))
              .findFirst()
              .orElseThrow(
                  () ->
                      new UnreadableCallback(
                          at + "bounceClass", "must be hard, soft or block, was '" + wire + "'"));
    }
    Integer smtpCode = null;
    JsonNode code = node.get("smtpCode");
    if (code != null && !code.isNull()) {
      if (!code.canConvertToInt() || code.asInt() < 200 || code.asInt() > 599) {
        throw new UnreadableCallback(at + "smtpCode", "must be an SMTP reply code (200-599)");
      }
      smtpCode = code.asInt();
    }
    return new StatusReport(
        providerId,
        messageId,
        kind,
        type,
        when,
        null,
        bounceClass,
        smtpCode,
        text(node, "enhancedStatus", at, false),
        text(node, "diagnostic", at, false));
  }

  private static String text(JsonNode node, String field, String at, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
      if (required) {
        throw new UnreadableCallback(at + field, "missing");
      }
      return null;
    }
    if (!value.isValueNode()) {
      throw new UnreadableCallback(at + field, "must be a string");
    }
    return value.asText();
  }

  private BounceCallbacks() {}
}
