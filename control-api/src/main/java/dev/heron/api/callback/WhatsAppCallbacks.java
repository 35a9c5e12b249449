package dev.heron.api.callback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heron.events.EventType;
import dev.heron.events.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * WhatsApp Cloud API webhooks: the signature Meta puts on them and the message statuses they carry
 * ({@code entry[].changes[].value.statuses[]}, each with the wamid {@code id}, {@code status},
 * {@code timestamp} in Unix seconds, {@code errors[]} when failed, and {@code
 * biz_opaque_callback_data}, which Heron's sender sets to its message id).
 */
final class WhatsAppCallbacks {
  static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

  /**
   * {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed with the app
   * secret>}.
   */
  static boolean signatureHolds(String appSecret, String header, byte[] body) {
    if (header == null || !header.startsWith("sha256=")) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring("sha256=".length()).strip());
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    return Hmac.same(Hmac.sha256(appSecret, body), given);
  }

  /** The status reports of a webhook body; messages, not statuses, are ignored. */
  static List<StatusReport> parse(byte[] body) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(body);
    } catch (IOException e) {
      throw new UnreadableCallback("body", "not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new UnreadableCallback("body", "must be a JSON object");
    }
    JsonNode entries = root.get("entry");
    if (entries == null || !entries.isArray()) {
      throw new UnreadableCallback("entry", "missing or not an array");
    }
    List<StatusReport> reports = new ArrayList<>();
    for (int e = 0; e < entries.size(); e++) {
      JsonNode changes = entries.get(e).get("changes");
      if (changes == null || !changes.isArray()) {
        throw new UnreadableCallback("entry[" + e + "].changes", "missing or not an array");
      }
      for (int c = 0; c < changes.size(); c++) {
        JsonNode statuses = changes.get(c).path("value").get("statuses");
        if (statuses == null) {
          continue;
        }
        String at = "entry[" + e + "].changes[" + c + "].value.statuses";
        if (!statuses.isArray()) {
          throw new UnreadableCallback(at, "not an array");
        }
        for (int s = 0; s < statuses.size(); s++) {
          reports.add(status(statuses.get(s), at + "[" + s + "]"));
        }
      }
    }
    return reports;
  }

  private static StatusReport status(JsonNode status, String at) {
    String id = text(status, "id", at);
    String word = text(status, "status", at).toLowerCase(Locale.ROOT);
    Instant when;
    try {
      when = Instant.ofEpochSecond(Long.parseLong(text(status, "timestamp", at)));
    } catch (NumberFormatException e) {
      throw new UnreadableCallback(at + ".timestamp", "must be Unix seconds");
    }
    UUID ours = null;
    JsonNode opaque = status.get("biz_opaque_callback_data");
    if (opaque != null && opaque.isTextual()) {
      try {
        ours = UUID.fromString(opaque.asText());
      } catch (IllegalArgumentException notOurs) {
        // set by someone else: look the message up by its wamid instead
      }
    }
    EventType type =
        switch (word) {
          case "delivered" -> EventType.DELIVERED;
          case "read" -> EventType.OPENED;
          case "failed" -> EventType.FAILED;
            // sent: the sender recorded SENT when the API accepted the message.
          default -> null;
        };
    StatusReport report = StatusReport.of(id, ours, word, type, when);
    JsonNode error = status.path("errors").path(0);
    if (type == EventType.FAILED && !error.isMissingNode()) {
      report =
          report.withReason(
              "whatsapp error "
                  + error.path("code").asText("?")
                  + ": "
                  + error.path("title").asText(error.path("message").asText("")));
    }
    return report;
  }

  private static String text(JsonNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
      throw new UnreadableCallback(at + "." + field, "missing");
    }
    return value.asText();
  }

  private WhatsAppCallbacks() {}
}
