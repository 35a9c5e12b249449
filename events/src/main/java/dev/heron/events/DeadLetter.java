package dev.heron.events;

import java.time.Instant;

/**
 * A record that could not be read, kept on {@link Topics#DLQ} with the reason so that nothing is
 * dropped silently.
 *
 * @param topic where the record came from
 * @param key the record's key, as text
 * @param payload the record's value, as text
 * @param reason what was wrong with it, naming the field
 * @param consumer the component that could not read it
 */
public record DeadLetter(
    String topic,
    int partition,
    long offset,
    String key,
    String payload,
    String reason,
    String consumer,
    Instant failedAt) {}
