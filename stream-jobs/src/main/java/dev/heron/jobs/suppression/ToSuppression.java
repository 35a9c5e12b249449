package dev.heron.jobs.suppression;

import dev.heron.events.Event;
import java.util.Optional;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** An event that suppresses its address becomes a {@link Suppression}; others vanish here. */
final class ToSuppression implements FlatMapFunction<Event, Suppression> {
  @Override
  public void flatMap(Event event, Collector<Suppression> out) {
    Optional<String> reason = SuppressionRules.reasonFor(event);
    reason.ifPresent(r -> out.collect(Suppression.of(event, r)));
  }
}
