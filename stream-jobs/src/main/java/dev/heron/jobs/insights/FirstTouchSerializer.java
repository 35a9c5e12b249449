package dev.heron.jobs.insights;

import dev.heron.jobs.types.ImmutableSerializer;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A message's first open or click in keyed state: its time, then its bucket's hour and six texts,
 * each text written whole. Flink's POJO serializer wrote the texts a character at a time, one
 * synchronized write per byte into the checkpoint stream, which made the first touches a sixth of
 * the pipeline bench's profile. State written by the POJO serializer is read with it and written
 * again with this one.
 */
public final class FirstTouchSerializer extends ImmutableSerializer<FirstTouch> {
  public static final FirstTouchSerializer INSTANCE = new FirstTouchSerializer();

  @Override
  public void serialize(FirstTouch touch, DataOutputView target) throws IOException {
    BucketKey bucket = touch.bucket();
    target.writeLong(touch.occurredAtMillis());
    target.writeLong(bucket.hourStartMillis());
    target.writeUTF(bucket.tenantId());
    target.writeUTF(bucket.campaignId());
    target.writeUTF(bucket.channel());
    target.writeUTF(bucket.provider());
    target.writeUTF(bucket.senderIdentity());
    target.writeUTF(bucket.variant());
  }

  @Override
  public FirstTouch deserialize(DataInputView source) throws IOException {
    long occurredAtMillis = source.readLong();
    BucketKey bucket =
        new BucketKey(
            source.readLong(),
            source.readUTF(),
            source.readUTF(),
            source.readUTF(),
            source.readUTF(),
            source.readUTF(),
            source.readUTF());
    return new FirstTouch(occurredAtMillis, bucket);
  }

  @Override
  public TypeSerializerSnapshot<FirstTouch> snapshotConfiguration() {
    return new FirstTouchSerializerSnapshot();
  }

  /** The format has no parameters; the POJO format it replaced is read and written anew. */
  public static final class FirstTouchSerializerSnapshot
      implements TypeSerializerSnapshot<FirstTouch> {
    private static final int VERSION = 1;

    @Override
    public int getCurrentVersion() {
      return VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) {}

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) {}

    @Override
    public TypeSerializer<FirstTouch> restoreSerializer() {
      return INSTANCE;
    }

    @Override
    public TypeSerializerSchemaCompatibility<FirstTouch> resolveSchemaCompatibility(
        TypeSerializerSnapshot<FirstTouch> oldSerializerSnapshot) {
      if (oldSerializerSnapshot instanceof FirstTouchSerializerSnapshot) {
        return TypeSerializerSchemaCompatibility.compatibleAsIs();
      }
      if (oldSerializerSnapshot instanceof PojoSerializerSnapshot) {
        return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
      }
      return TypeSerializerSchemaCompatibility.incompatible();
    }
  }
}
