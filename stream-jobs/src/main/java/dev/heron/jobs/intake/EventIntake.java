package dev.heron.jobs.intake;

import dev.heron.events.DeadLetter;
import dev.heron.events.Event;
import dev.heron.jobs.types.FlinkTypes;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The front of every job: read {@code heron.events}, stamp event time, and send what cannot be read
 * to the dead-letter sink. {@code LocalPipeline} reads the topic once through one intake and hands
 * the events to every job, rather than deserializing each record once per job.
 */
public record EventIntake(
    Source<Incoming, ?, ?> source,
    Sink<DeadLetter> deadLetters,
    Duration outOfOrderness,
    Duration idleness) {

  public DataStream<Event> events(StreamExecutionEnvironment env) {
    FlinkTypes.register();
    SingleOutputStreamOperator<Event> events =
        env.fromSource(source, EventTimestamps.strategy(outOfOrderness, idleness), "heron.events")
            .uid("events-source")
            .process(new IncomingRouter())
            .name("route-unreadable")
            .uid("route-unreadable");
    events
        .getSideOutput(IncomingRouter.DEAD_LETTERS)
        .sinkTo(deadLetters)
        .name("dead-letters")
        .uid("dead-letters-sink");
    return events;
  }
}
