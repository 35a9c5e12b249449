package dev.heron.api.tenant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.AutoPopulated;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A stored API key: only its SHA-256 hash and a recognisable prefix, never the key itself. */
@MappedEntity("api_keys")
record ApiKey(
    @Id @AutoPopulated UUID id,
    UUID tenantId,
    String name,
    String keyPrefix,
    String keyHash,
    @DateCreated Instant createdAt,
    @Nullable Instant lastUsedAt,
    @Nullable Instant revokedAt) {}
