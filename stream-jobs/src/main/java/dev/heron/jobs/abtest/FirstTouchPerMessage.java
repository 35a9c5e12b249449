package dev.heron.jobs.abtest;

import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.jobs.intake.StateTtl;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per message: lets through its first send, first human open, first click and first conversion, so
 * that a variant's tally counts messages, not events (duplicates included).
 */
public final class FirstTouchPerMessage extends KeyedProcessFunction<UUID, Event, VariantTouch> {
  private final Duration remember;
  private transient ValueState<Integer> seenKinds;

  public FirstTouchPerMessage(Duration remember) {
    this.remember = remember;
  }

  /** The tally kind of an event, or null when it does not count in an A/B test. */
  static String kindOf(Event e) {
    if (e.type() == EventType.SENT) {
      return VariantTouch.SENT;
    }
    if (e.isHumanOpen()) {
      return "opens";
    }
    return switch (e.type()) {
      case CLICKED -> "clicks";
      case CONVERTED -> "conversions";
      default -> null;
    };
  }

  private static int bit(String kind) {
    return switch (kind) {
      case VariantTouch.SENT -> 1;
      case "opens" -> 2;
      case "clicks" -> 4;
      default -> 8;
    };
  }

  @Override
  public void open(OpenContext openContext) {
    ValueStateDescriptor<Integer> descriptor = new ValueStateDescriptor<>("seen-kinds", Types.INT);
    descriptor.enableTimeToLive(StateTtl.afterLastWrite(remember));
    seenKinds = getRuntimeContext().getState(descriptor);
  }

  @Override
  public void processElement(Event e, Context ctx, Collector<VariantTouch> out) throws Exception {
    String kind = kindOf(e);
    int seen = Objects.requireNonNullElse(seenKinds.value(), 0);
    if (kind == null || (seen & bit(kind)) != 0) {
      return;
    }
    seenKinds.update(seen | bit(kind));
    out.collect(
        new VariantTouch(
            e.campaignId().toString(),
            Objects.requireNonNullElse(e.variant(), ""),
            kind,
            e.occurredAt().toEpochMilli()));
  }
}
