package dev.heron.events;

import java.util.UUID;

/**
 * The two envelope fields a consumer may decide on before it reads the rest of an event — whose it
 * is and of which type — as {@link FastEventParser#heading} reads them from a record's bytes.
 */
public record EventHeading(UUID tenantId, EventType type) {}
