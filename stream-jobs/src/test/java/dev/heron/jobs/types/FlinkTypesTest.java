package dev.heron.jobs.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.jobs.TestEvents;
import dev.heron.jobs.intake.Incoming;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class FlinkTypesTest {

  @Test
  void eventsTravelWithTheirOwnSerializerAndNothingGoesToKryo() {
    FlinkTypes.register();
    SerializerConfigImpl noKryo = new SerializerConfigImpl();
    noKryo.setGenericTypes(false);

    TypeInformation<Event> event = TypeInformation.of(Event.class);

    assertThat(event).isEqualTo(SingletonTypeInfo.EVENT);
    assertThat(TypeInformation.of(Incoming.class)).isInstanceOf(PojoTypeInfo.class);
    // With generic types disabled, a field that needed Kryo would fail here.
    assertThatCode(() -> event.createSerializer(noKryo)).doesNotThrowAnyException();
    assertThatCode(() -> TypeInformation.of(Incoming.class).createSerializer(noKryo))
        .doesNotThrowAnyException();
  }

  @Test
  void anEventComesBackEqualWithItsOptionalFieldsAndWithout() throws Exception {
    TestEvents events = new TestEvents();
    Event full =
        events
            .of(EventType.BOUNCED, UUID.randomUUID(), Instant.parse("2026-03-04T10:15:30.123456Z"))
            .reason("r\u00e9ason")
            .machineOpen(false)
            .url("https://example.test/" + "x".repeat(70_000))
            .value(new BigDecimal("12.50"))
            .build();
    Event bare =
        Event.builder(EventType.SENT)
            .tenantId(UUID.randomUUID())
            .messageId(UUID.randomUUID())
            .build();
    for (Event event : List.of(full, bare)) {
      DataOutputSerializer out = new DataOutputSerializer(256);
      EventSerializer.INSTANCE.serialize(event, out);
      assertThat(
              EventSerializer.INSTANCE.deserialize(
                  new DataInputDeserializer(out.getCopyOfBuffer())))
          .isEqualTo(event);
    }
  }

  @Test
  void aUuidIsItsSixteenBytes() throws Exception {
    UUID id = UUID.randomUUID();
    TypeSerializer<UUID> serializer = SingletonTypeInfo.UUID.createSerializer(null);
    DataOutputSerializer out = new DataOutputSerializer(32);

    serializer.serialize(id, out);

    assertThat(out.length()).isEqualTo(16);
    assertThat(serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
        .isEqualTo(id);
  }
}
