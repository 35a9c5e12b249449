package dev.heron.jobs.insights;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class FirstTouchSerializerTest {
  private final FirstTouch touch =
      new FirstTouch(
          1_772_619_443_000L,
          new BucketKey(
              1_772_618_400_000L,
              "7d1f0c2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f",
              "0f9e8d7c-6b5a-4938-a7b6-c5d4e3f2a1b0",
              "email",
              "gmail",
              "news.example.com",
              ""));

  @Test
  void aFirstTouchReadsBackAsItWasWritten() throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    FirstTouchSerializer.INSTANCE.serialize(touch, out);

    FirstTouch read =
        FirstTouchSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

    assertThat(read).isEqualTo(touch);
  }

  @Test
  void stateWrittenByThePojoSerializerIsMigratedAndItsOwnIsReadAsIs() throws Exception {
    TypeSerializer<FirstTouch> pojo =
        TypeInformation.of(FirstTouch.class).createSerializer(new SerializerConfigImpl());
    var snapshot = FirstTouchSerializer.INSTANCE.snapshotConfiguration();

    assertThat(
            snapshot
                .resolveSchemaCompatibility(pojo.snapshotConfiguration())
                .isCompatibleAfterMigration())
        .isTrue();
    assertThat(
            snapshot
                .resolveSchemaCompatibility(FirstTouchSerializer.INSTANCE.snapshotConfiguration())
                .isCompatibleAsIs())
        .isTrue();
    // what the migration does: read with the old serializer, write with the new
    DataOutputSerializer old = new DataOutputSerializer(64);
    pojo.serialize(touch, old);
    FirstTouch restored = pojo.deserialize(new DataInputDeserializer(old.getCopyOfBuffer()));
    assertThat(restored).isEqualTo(touch);
  }
}
