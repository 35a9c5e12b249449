package dev.heron.jobs.intake;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;

/**
 * The event ids one message has seen, as one array of longs (two per id) in keyed state. A message
 * has a handful of events, so a scan beats a map; and a checkpoint writes one small array per
 * message instead of a map entry and a 36-character string per event, which made the snapshots of
 * the de-duplication state the pipeline's largest cost.
 */
public final class SeenEventIds {
  private final ValueState<long[]> ids;

  private SeenEventIds(ValueState<long[]> ids) {
    this.ids = ids;
  }

  /**
   * @param name the state's name
   * @param remember how long after a message's last new event its ids are remembered
   */
  public static SeenEventIds register(RuntimeContext context, String name, Duration remember) {
    ValueStateDescriptor<long[]> descriptor =
        new ValueStateDescriptor<>(name, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    descriptor.enableTimeToLive(StateTtl.afterLastWrite(remember));
    return new SeenEventIds(context.getState(descriptor));
  }

  /** Records {@code id} for the current message; false when it was seen already. */
  public boolean firstTime(UUID id) throws Exception {
    long[] seen = ids.value();
    if (contains(seen, id)) {
      return false;
    }
    ids.update(with(seen, id));
    return true;
  }

  static boolean contains(long[] seen, UUID id) {
    if (seen == null) {
      return false;
    }
    long high = id.getMostSignificantBits();
    long low = id.getLeastSignificantBits();
    for (int i = 0; i < seen.length; i += 2) {
      if (seen[i] == high && seen[i + 1] == low) {
        return true;
      }
    }
    return false;
  }

  static long[] with(long[] seen, UUID id) {
    long[] grown = seen == null ? new long[2] : Arrays.copyOf(seen, seen.length + 2);
    grown[grown.length - 2] = id.getMostSignificantBits();
    grown[grown.length - 1] = id.getLeastSignificantBits();
    return grown;
  }
}
