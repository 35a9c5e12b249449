package dev.heron.api.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.heron.events.EventType;
import dev.heron.events.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The two envelope fields the webhook fan-out decides on — whose event it is and of which type —
 * read from a heron.events record's bytes with a streaming parse that stops as soon as it has both.
 * Most events belong to tenants with no subscription for them; for those this is all the fan-out
 * reads, instead of decoding the whole event.
 *
 * <p>A heading is only found when the full decode would read the same two values; anything else
 * (not a JSON object, a field missing or not a plain string, a type that is not an {@link
 * EventType} name, a tenant that is not a UUID) yields none, and the full decode decides, as it did
 * before there was a heading.
 */
record EventHeading(UUID tenantId, EventType type) {
  private static final JsonFactory JSON = Json.mapper().getFactory();
  private static final Map<String, EventType> TYPES =
      Arrays.stream(EventType.values()).collect(Collectors.toMap(Enum::name, Function.identity()));

  static Optional<EventHeading> peek(byte[] record) {
    return record == null ? Optional.empty() : peek(ByteBuffer.wrap(record));
  }

  /** The heading of the record's remaining bytes, read in place (the buffer is not moved). */
  static Optional<EventHeading> peek(ByteBuffer record) {
    if (record == null || !record.hasRemaining()) {
      return Optional.empty();
    }
    try (JsonParser parser = parserOf(record)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      String tenantId = null;
      String type = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        boolean wanted = field.equals("tenantId") || field.equals("type");
        if (!wanted) {
          parser.skipChildren();
          continue;
        }
        if (value != JsonToken.VALUE_STRING) {
          return Optional.empty();
        }
        if (field.equals("tenantId")) {
          tenantId = parser.getText();
        } else {
          type = parser.getText();
        }
        if (tenantId != null && type != null) {
          return heading(tenantId, type);
        }
      }
      return Optional.empty();
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  private static JsonParser parserOf(ByteBuffer record) throws IOException {
    if (record.hasArray()) {
      return JSON.createParser(
          record.array(), record.arrayOffset() + record.position(), record.remaining());
    }
    byte[] copy = new byte[record.remaining()];
    record.duplicate().get(copy);
    return JSON.createParser(copy);
  }

  private static Optional<EventHeading> heading(String tenantId, String type) {
    EventType eventType = TYPES.get(type);
    // Jackson reads only the 36-character form of a UUID as text (UUID.fromString is laxer).
    if (eventType == null || tenantId.length() != 36) {
      return Optional.empty();
    }
    try {
      return Optional.of(new EventHeading(UUID.fromString(tenantId), eventType));
    } catch (IllegalArgumentException notUuid) {
      return Optional.empty();
    }
  }
}
