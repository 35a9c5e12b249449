package dev.heron.jobs.types;

import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's view of a type with one hand-written serializer, such as a UUID or an event. */
public final class SingletonTypeInfo<T> extends TypeInformation<T> {
  public static final SingletonTypeInfo<java.util.UUID> UUID =
      new SingletonTypeInfo<>(java.util.UUID.class, UuidSerializer.INSTANCE, true);
  public static final SingletonTypeInfo<dev.heron.events.Event> EVENT =
      new SingletonTypeInfo<>(dev.heron.events.Event.class, EventSerializer.INSTANCE, false);

  private final Class<T> type;
  private final TypeSerializer<T> serializer;
  private final boolean key;

  private SingletonTypeInfo(Class<T> type, TypeSerializer<T> serializer, boolean key) {
    this.type = type;
    this.serializer = serializer;
    this.key = key;
  }

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<T> getTypeClass() {
    return type;
  }

  @Override
  public boolean isKeyType() {
    return key;
  }

  @Override
  public TypeSerializer<T> createSerializer(SerializerConfig config) {
    return serializer;
  }

  @Override
  public String toString() {
    return type.getSimpleName();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SingletonTypeInfo<?> that && that.type == type;
  }

  @Override
  public int hashCode() {
    return Objects.hash(type);
  }

  @Override
  public boolean canEqual(Object other) {
    return other instanceof SingletonTypeInfo<?>;
  }
}
