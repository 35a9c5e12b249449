package dev.heron.jobs.types;

import java.io.IOException;
import java.util.UUID;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A UUID as its two longs: sixteen bytes, where Kryo wrote a class tag and went reflective. */
public final class UuidSerializer extends ImmutableSerializer<UUID> {
  public static final UuidSerializer INSTANCE = new UuidSerializer();

  @Override
  public UUID createInstance() {
    return new UUID(0, 0);
  }

  @Override
  public int getLength() {
    return 16;
  }

  @Override
  public void serialize(UUID record, DataOutputView target) throws IOException {
    target.writeLong(record.getMostSignificantBits());
    target.writeLong(record.getLeastSignificantBits());
  }

  @Override
  public UUID deserialize(DataInputView source) throws IOException {
    return new UUID(source.readLong(), source.readLong());
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    target.write(source, 16);
  }

  @Override
  public TypeSerializerSnapshot<UUID> snapshotConfiguration() {
    return new UuidSerializerSnapshot();
  }

  /** Restores the one serializer; the format has no parameters. */
  public static final class UuidSerializerSnapshot extends SimpleTypeSerializerSnapshot<UUID> {
    public UuidSerializerSnapshot() {
      super(() -> INSTANCE);
    }
  }
}
