package dev.heron.api.spool;

/** One record waiting in the spool: a Kafka key and value, exactly as they will be produced. */
public record SpoolRecord(String key, byte[] value) {}
