package dev.heron.api.tenant;

import io.micronaut.data.annotation.AutoPopulated;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/** An organisation using Heron; every other row belongs to exactly one. */
@Serdeable
@MappedEntity("tenants")
public record Tenant(
    @Id @AutoPopulated UUID id, String name, String slug, @DateCreated Instant createdAt) {}
