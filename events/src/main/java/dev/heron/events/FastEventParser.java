package dev.heron.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads an event written the canonical way (what {@code WireCodec.EVENTS.encode} writes) with
 * Jackson's streaming parser, field by field, at a fraction of the cost of mapping a record through
 * its creator: the whole event ({@link #parse}, {@link WireCodec#EVENTS}' first try), or only its
 * {@link EventHeading} ({@link #heading}, which stops as soon as it has the tenant and the type:
 * the webhook fan-out's look at every event). Anything else — a field of an unexpected JSON type, a
 * missing required field, an unknown enum name, broken JSON — is not judged here: nothing is
 * returned and {@link WireCodec} reads it the full way, which either reads it (Jackson's coercions)
 * or names the field that is wrong. So the fast path can only ever accept what the codec accepts,
 * with the same values.
 */
public final class FastEventParser {
  private static final JsonFactory JSON = Json.mapper().getFactory();
  private static final int UUID_LENGTH = 36;
  private static final Map<String, EventType> TYPES =
      Arrays.stream(EventType.values()).collect(Collectors.toMap(Enum::name, Function.identity()));

  private FastEventParser() {}

  /** The event, or null when the record needs the full codec. */
  static Event parse(byte[] bytes) {
    try (JsonParser p = JSON.createParser(bytes)) {
      Event event = read(p);
      return event != null && p.nextToken() == null ? event : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Event read(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return null;
    }
    UUID eventId = null;
    EventType type = null;
    int schemaVersion = 0;
    Instant occurredAt = null;
    String source = null;
    UUID tenantId = null;
    UUID campaignId = null;
    UUID messageId = null;
    UUID recipientId = null;
    UUID contactId = null;
    Channel channel = null;
    String variant = null;
    String sendingIp = null;
    String senderIdentity = null;
    String provider = null;
    BounceClass bounceClass = null;
    Integer smtpCode = null;
    String enhancedStatus = null;
    String smtpResponse = null;
    String reason = null;
    Boolean machineOpen = null;
    String url = null;
    BigDecimal value = null;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      if (t != JsonToken.FIELD_NAME) {
        return null;
      }
      String field = p.currentName();
      JsonToken v = p.nextToken();
      switch (field) {
        case "eventId" -> eventId = uuid(p, v);
        case "type" -> type = type(p, v);
        case "schemaVersion" -> {
          if (v != JsonToken.VALUE_NUMBER_INT) {
            return null;
          }
          schemaVersion = p.getIntValue();
        }
        case "occurredAt" -> occurredAt = v == JsonToken.VALUE_STRING ? instant(p) : null;
        case "source" -> source = text(p, v);
        case "tenantId" -> tenantId = uuid(p, v);
        case "campaignId" -> campaignId = uuid(p, v);
        case "messageId" -> messageId = uuid(p, v);
        case "recipientId" -> recipientId = uuid(p, v);
        case "contactId" -> contactId = uuid(p, v);
        case "channel" ->
            channel = v == JsonToken.VALUE_STRING ? Channel.fromWire(p.getText()) : null;
        case "variant" -> variant = text(p, v);
        case "sendingIp" -> sendingIp = text(p, v);
        case "senderIdentity" -> senderIdentity = text(p, v);
        case "provider" -> provider = text(p, v);
        case "bounceClass" ->
            bounceClass = v == JsonToken.VALUE_STRING ? BounceClass.fromWire(p.getText()) : null;
        case "smtpCode" -> {
          if (v != JsonToken.VALUE_NUMBER_INT) {
            return null;
          }
          smtpCode = p.getIntValue();
        }
        case "enhancedStatus" -> enhancedStatus = text(p, v);
        case "smtpResponse" -> smtpResponse = text(p, v);
        case "reason" -> reason = text(p, v);
        case "machineOpen" -> {
          if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
            return null;
          }
          machineOpen = v == JsonToken.VALUE_TRUE;
        }
        case "url" -> url = text(p, v);
        case "value" -> {
          if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
            return null;
          }
          value = p.getDecimalValue();
        }
        default -> p.skipChildren(); // a field added since: readers ignore it
      }
    }
    Event event =
        new Event(
            eventId,
            type,
            schemaVersion,
            occurredAt,
            source,
            tenantId,
            campaignId,
            messageId,
            recipientId,
            contactId,
            channel,
            variant,
            sendingIp,
            senderIdentity,
            provider,
            bounceClass,
            smtpCode,
            enhancedStatus,
            smtpResponse,
            reason,
            machineOpen,
            url,
            value);
    return WireCodec.checkEvent(event).isEmpty() ? event : null; // else the codec names the fault
  }

  /** The heading of {@code record}; empty when the full decode must judge it. */
  public static Optional<EventHeading> heading(byte[] record) {
    return record == null ? Optional.empty() : heading(ByteBuffer.wrap(record));
  }

  /**
   * The heading of the record's remaining bytes, read in place (the buffer is not moved), reading
   * no further than the two fields: what follows them is left to the full decode, if it must.
   */
  public static Optional<EventHeading> heading(ByteBuffer record) {
    if (record == null || !record.hasRemaining()) {
      return Optional.empty();
    }
    try (JsonParser p = parserOf(record)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      UUID tenantId = null;
      EventType type = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        switch (field) {
          case "tenantId" -> tenantId = uuid(p, v);
          case "type" -> type = type(p, v);
          default -> p.skipChildren();
        }
        if (tenantId != null && type != null) {
          return Optional.of(new EventHeading(tenantId, type));
        }
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
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

  /** A present optional field of another JSON type makes the record one for the codec. */
  private static String text(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    throw new IllegalArgumentException("not a string");
  }

  /** An {@link EventType} by its exact name, as the codec reads it. */
  private static EventType type(JsonParser p, JsonToken v) throws IOException {
    EventType type = TYPES.get(text(p, v));
    if (type == null) {
      throw new IllegalArgumentException("not an event type");
    }
    return type;
  }

  /** Jackson reads only the 36-character form of a UUID as text (UUID.fromString is laxer). */
  private static UUID uuid(JsonParser p, JsonToken v) throws IOException {
    String text = text(p, v);
    if (text.length() != UUID_LENGTH) {
      throw new IllegalArgumentException("not a canonical UUID");
    }
    return UUID.fromString(text);
  }

  private static Instant instant(JsonParser p) throws IOException {
    return IsoInstants.parse(p.getText());
  }
}
