package dev.heron.jobs.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.heron.events.Event;
import dev.heron.jobs.intake.Incoming;
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
  void eventsTravelAsPojosWithNoFieldLeftToKryo() {
    FlinkTypes.register();
    SerializerConfigImpl noKryo = new SerializerConfigImpl();
    noKryo.setGenericTypes(false);

    TypeInformation<Event> event = TypeInformation.of(Event.class);

    assertThat(event).isInstanceOf(PojoTypeInfo.class);
    // With generic types disabled, a field that needed Kryo would fail here.
    assertThatCode(() -> event.createSerializer(noKryo)).doesNotThrowAnyException();
    assertThatCode(() -> TypeInformation.of(Incoming.class).createSerializer(noKryo))
        .doesNotThrowAnyException();
  }

  @Test
  void aUuidIsItsSixteenBytes() throws Exception {
    UUID id = UUID.randomUUID();
    TypeSerializer<UUID> serializer = UuidTypeInfo.INSTANCE.createSerializer(null);
    DataOutputSerializer out = new DataOutputSerializer(32);

    serializer.serialize(id, out);

    assertThat(out.length()).isEqualTo(16);
    assertThat(serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
        .isEqualTo(id);
  }
}
