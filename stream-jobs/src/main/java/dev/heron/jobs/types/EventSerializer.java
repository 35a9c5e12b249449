package dev.heron.jobs.types;

import dev.heron.events.BounceClass;
import dev.heron.events.Channel;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * An {@link Event} between operators: a bit per optional field, then the fields present. An event
 * is an immutable record, so a copy is the event itself; the POJO serializer rebuilt it field by
 * field through reflection each time the intake's stream went to more than one job.
 */
public final class EventSerializer extends ImmutableSerializer<Event> {
  public static final EventSerializer INSTANCE = new EventSerializer();
  private static final EventType[] TYPES = EventType.values();
  private static final Channel[] CHANNELS = Channel.values();
  private static final BounceClass[] BOUNCE_CLASSES = BounceClass.values();

  @Override
  public void serialize(Event e, DataOutputView out) throws IOException {
    Object[] optional = optionalFields(e);
    int present = 0;
    for (int i = 0; i < optional.length; i++) {
      if (optional[i] != null) {
        present |= 1 << i;
      }
    }
    out.writeInt(present);
    writeUuid(e.eventId(), out);
    out.writeByte(e.type().ordinal());
    out.writeInt(e.schemaVersion());
    out.writeLong(e.occurredAt().getEpochSecond());
    out.writeInt(e.occurredAt().getNano());
    for (Object field : optional) {
      if (field instanceof UUID id) {
        writeUuid(id, out);
      } else if (field instanceof String text) {
        StringValue.writeString(text, out);
      } else if (field instanceof Channel channel) {
        out.writeByte(channel.ordinal());
      } else if (field instanceof BounceClass bounceClass) {
        out.writeByte(bounceClass.ordinal());
      } else if (field instanceof Integer number) {
        out.writeInt(number);
      } else if (field instanceof Boolean flag) {
        out.writeBoolean(flag);
      } else if (field instanceof BigDecimal decimal) {
        StringValue.writeString(decimal.toString(), out);
      }
    }
  }

  /** The fields an event may lack, in a fixed order: the bit of field i is {@code 1 << i}. */
  private static Object[] optionalFields(Event e) {
    return new Object[] {
      e.source(),
      e.tenantId(),
      e.campaignId(),
      e.messageId(),
      e.recipientId(),
      e.contactId(),
      e.channel(),
      e.variant(),
      e.sendingIp(),
      e.senderIdentity(),
      e.provider(),
      e.bounceClass(),
      e.smtpCode(),
      e.enhancedStatus(),
      e.smtpResponse(),
      e.reason(),
      e.machineOpen(),
      e.url(),
      e.value()
    };
  }

  @Override
  public Event deserialize(DataInputView in) throws IOException {
    int present = in.readInt();
    UUID eventId = readUuid(in);
    EventType type = TYPES[in.readByte()];
    int schemaVersion = in.readInt();
    Instant occurredAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
    int bit = 0;
    String source = has(present, bit++) ? StringValue.readString(in) : null;
    UUID tenantId = has(present, bit++) ? readUuid(in) : null;
    UUID campaignId = has(present, bit++) ? readUuid(in) : null;
    UUID messageId = has(present, bit++) ? readUuid(in) : null;
    UUID recipientId = has(present, bit++) ? readUuid(in) : null;
    UUID contactId = has(present, bit++) ? readUuid(in) : null;
    Channel channel = has(present, bit++) ? CHANNELS[in.readByte()] : null;
    String variant = has(present, bit++) ? StringValue.readString(in) : null;
    String sendingIp = has(present, bit++) ? StringValue.readString(in) : null;
    String senderIdentity = has(present, bit++) ? StringValue.readString(in) : null;
    String provider = has(present, bit++) ? StringValue.readString(in) : null;
    BounceClass bounceClass = has(present, bit++) ? BOUNCE_CLASSES[in.readByte()] : null;
    Integer smtpCode = has(present, bit++) ? in.readInt() : null;
    String enhancedStatus = has(present, bit++) ? StringValue.readString(in) : null;
    String smtpResponse = has(present, bit++) ? StringValue.readString(in) : null;
    String reason = has(present, bit++) ? StringValue.readString(in) : null;
    Boolean machineOpen = has(present, bit++) ? in.readBoolean() : null;
    String url = has(present, bit++) ? StringValue.readString(in) : null;
    BigDecimal value = has(present, bit) ? new BigDecimal(StringValue.readString(in)) : null;
    return new Event(
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
  }

  @Override
  public TypeSerializerSnapshot<Event> snapshotConfiguration() {
    return new EventSerializerSnapshot();
  }

  private static boolean has(int present, int bit) {
    return (present & (1 << bit)) != 0;
  }

  private static void writeUuid(UUID id, DataOutputView out) throws IOException {
    out.writeLong(id.getMostSignificantBits());
    out.writeLong(id.getLeastSignificantBits());
  }

  private static UUID readUuid(DataInputView in) throws IOException {
    return new UUID(in.readLong(), in.readLong());
  }

  /** Restores the one serializer of this format. */
  public static final class EventSerializerSnapshot extends SimpleTypeSerializerSnapshot<Event> {
    public EventSerializerSnapshot() {
      super(() -> INSTANCE);
    }
  }
}
