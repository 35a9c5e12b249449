package dev.heron.jobs.intake;

import dev.heron.events.DeadLetter;
import dev.heron.events.Event;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Readable events go on; unreadable records go to the {@link #DEAD_LETTERS} side output. */
public final class IncomingRouter extends ProcessFunction<Incoming, Event> {
  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

  @Override
  public void processElement(Incoming incoming, Context ctx, Collector<Event> out) {
    if (incoming.isReadable()) {
      out.collect(incoming.event());
    } else {
      ctx.output(DEAD_LETTERS, incoming.deadLetter());
    }
  }
}
