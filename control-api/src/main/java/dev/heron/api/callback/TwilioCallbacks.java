package dev.heron.api.callback;

import dev.heron.events.EventType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Twilio status callbacks: form-encoded POSTs with {@code MessageSid}, {@code MessageStatus} and,
 * when delivery failed, {@code ErrorCode}; Heron's sender adds {@code messageId=<uuid>} to the
 * callback URL. Signed per Twilio's documented algorithm: {@code X-Twilio-Signature} is the base64
 * HMAC-SHA1, keyed with the account's auth token, of the full URL followed by every POST parameter
 * name and value, sorted by name.
 */
final class TwilioCallbacks {
  static final String SIGNATURE_HEADER = "X-Twilio-Signature";

  /** The form parameters of a body, in order, a name possibly repeated. */
  static Map<String, List<String>> form(String body) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (body == null || body.isEmpty()) {
      return params;
    }
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      } catch (IllegalArgumentException e) {
        throw new UnreadableCallback("body", "not form-encoded: " + e.getMessage());
      }
    }
    return params;
  }

  static String signature(String authToken, String url, Map<String, List<String>> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params)
        .forEach(
            (name, values) -> values.stream().sorted().forEach(v -> data.append(name).append(v)));
    return Base64.getEncoder()
        .encodeToString(Hmac.sha1(authToken, data.toString().getBytes(StandardCharsets.UTF_8)));
  }

  static boolean signatureHolds(
      String authToken, String header, String url, Map<String, List<String>> params) {
    if (header == null) {
      return false;
    }
    return Hmac.same(
        signature(authToken, url, params).getBytes(StandardCharsets.US_ASCII),
        header.strip().getBytes(StandardCharsets.US_ASCII));
  }

  static StatusReport parse(Map<String, List<String>> params, String messageIdInUrl) {
    String sid = first(params, "MessageSid");
    String status = first(params, "MessageStatus").toLowerCase(Locale.ROOT);
    UUID ours = null;
    if (messageIdInUrl != null) {
      try {
        ours = UUID.fromString(messageIdInUrl);
      } catch (IllegalArgumentException e) {
        throw new UnreadableCallback("messageId", "not a UUID: '" + messageIdInUrl + "'");
      }
    }
    EventType type =
        switch (status) {
          case "delivered" -> EventType.DELIVERED;
          case "read" -> EventType.OPENED;
          case "undelivered", "failed" -> EventType.FAILED;
            // queued, accepted, sending, sent, scheduled, canceled: nothing to record yet.
          default -> null;
        };
    StatusReport report = StatusReport.of(sid, ours, status, type, Instant.now());
    if (type == EventType.FAILED) {
      List<String> code = params.get("ErrorCode");
      report =
          report.withReason(
              "twilio "
                  + status
                  + (code == null || code.isEmpty() ? "" : ", error " + code.get(0)));
    }
    return report;
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    if (values == null || values.isEmpty() || values.get(0).isBlank()) {
      throw new UnreadableCallback(name, "missing");
    }
    return values.get(0);
  }

  private TwilioCallbacks() {}
}
