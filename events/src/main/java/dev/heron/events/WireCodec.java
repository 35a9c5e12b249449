package dev.heron.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads and writes one kind of wire record, checking the fields a reader relies on. Anything it
 * cannot read comes back as {@link Decoded.Invalid} with a reason that names the field, ready for
 * {@link Topics#DLQ}. Events written the canonical way are read by {@link FastEventParser}, which
 * accepts only what the full read would, with the same values; everything else takes the full read.
 */
public final class WireCodec<T> {
  /** Events on {@link Topics#EVENTS}. */
  public static final WireCodec<Event> EVENTS =
      new WireCodec<>(Event.class, WireCodec::checkEvent, FastEventParser::parse);

  /** Send requests on {@link Topics#SENDS}. */
  public static final WireCodec<SendRequest> SENDS =
      new WireCodec<>(SendRequest.class, WireCodec::checkSendRequest, bytes -> null);

  private final Class<T> type;
  private final Function<T, List<String>> check;
  private final Function<byte[], T> fastRead;

  /**
   * @param fastRead reads a record it knows to be whole, else returns null for the full read
   */
  private WireCodec(Class<T> type, Function<T, List<String>> check, Function<byte[], T> fastRead) {
    this.type = type;
    this.check = check;
    this.fastRead = fastRead;
  }

  public byte[] encode(T value) {
    return Json.write(value);
  }

  public Decoded<T> decode(byte[] bytes) {
    T fast = bytes == null ? null : fastRead.apply(bytes);
    return fast != null ? new Decoded.Valid<>(fast) : readFully(bytes);
  }

  /** The record read through Jackson's data binding, whatever the fast read would say. */
  Decoded<T> readFully(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return new Decoded.Invalid<>("empty record");
    }
    T value;
    try {
      value = Json.mapper().readValue(bytes, type);
    } catch (JsonMappingException e) {
      return new Decoded.Invalid<>(describe(e));
    } catch (JsonProcessingException e) {
      return new Decoded.Invalid<>("not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return new Decoded.Invalid<>("unreadable: " + e.getMessage());
    }
    if (value == null) {
      return new Decoded.Invalid<>("record is JSON null");
    }
    List<String> problems = check.apply(value);
    if (!problems.isEmpty()) {
      return new Decoded.Invalid<>(String.join("; ", problems));
    }
    return new Decoded.Valid<>(value);
  }

  private static String describe(JsonMappingException e) {
    String field =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."));
    String message = e.getOriginalMessage();
    int cut = message.indexOf('\n');
    if (cut > 0) {
      message = message.substring(0, cut);
    }
    return field.isEmpty() ? message : "field '" + field + "': " + message;
  }

  /** What is wrong with an event, field by field; empty when it is whole. */
  static List<String> checkEvent(Event e) {
    List<String> problems = new ArrayList<>();
    require(problems, e.eventId(), "eventId");
    require(problems, e.type(), "type");
    require(problems, e.occurredAt(), "occurredAt");
    require(problems, e.tenantId(), "tenantId");
    require(problems, e.messageId(), "messageId");
    require(problems, e.channel(), "channel");
    if (e.schemaVersion() < 1) {
      problems.add("field 'schemaVersion': must be 1 or more, was " + e.schemaVersion());
    }
    if (e.type() == EventType.BOUNCED) {
      require(problems, e.bounceClass(), "bounceClass");
    }
    if (e.type() == EventType.CLICKED) {
      require(problems, e.url(), "url");
    }
    return problems;
  }

  private static List<String> checkSendRequest(SendRequest r) {
    List<String> problems = new ArrayList<>();
    require(problems, r.tenantId(), "tenantId");
    require(problems, r.campaignId(), "campaignId");
    require(problems, r.messageId(), "messageId");
    require(problems, r.recipientId(), "recipientId");
    require(problems, r.channel(), "channel");
    require(problems, r.address(), "address");
    require(problems, r.templateId(), "templateId");
    if (r.address() != null && r.address().isBlank()) {
      problems.add("field 'address': must not be blank");
    }
    return problems;
  }

  private static void require(List<String> problems, Object value, String field) {
    if (value == null) {
      problems.add("field '" + field + "': missing");
    }
  }
}
