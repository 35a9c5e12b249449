package dev.heron.jobs.types;

import dev.heron.events.Event;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.TypeExtractor;

/**
 * Teaches Flink's type extraction the types of the event contract it cannot read by itself, so that
 * {@code Event} and every record holding one travel as POJOs with no field left to Kryo. The {@code
 * events} module stays free of Flink, hence a factory registered here rather than an annotation
 * there.
 */
public final class FlinkTypes {
  private static boolean registered;

  private FlinkTypes() {}

  /** Registers the factories once per JVM; call before the first type of a job is extracted. */
  public static synchronized void register() {
    if (!registered) {
      TypeExtractor.registerFactory(UUID.class, UuidFactory.class);
      TypeExtractor.registerFactory(Event.class, EventFactory.class);
      registered = true;
    }
  }

  /** Hands {@link UuidSerializer} to the type extractor wherever a {@link UUID} appears. */
  public static final class UuidFactory extends TypeInfoFactory<UUID> {
    @Override
    public TypeInformation<UUID> createTypeInfo(
        Type type, Map<String, TypeInformation<?>> genericParameters) {
      return SingletonTypeInfo.UUID;
    }
  }

  /** Hands the {@link EventSerializer} to the type extractor wherever an {@link Event} appears. */
  public static final class EventFactory extends TypeInfoFactory<Event> {
    @Override
    public TypeInformation<Event> createTypeInfo(
        Type type, Map<String, TypeInformation<?>> genericParameters) {
      return SingletonTypeInfo.EVENT;
    }
  }
}
