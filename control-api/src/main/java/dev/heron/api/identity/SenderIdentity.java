package dev.heron.api.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.AutoPopulated;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A from-domain a tenant sends as. DKIM keys and IP pools are configured apart from the API. */
@MappedEntity("sender_identities")
public record SenderIdentity(
    @Id @AutoPopulated UUID id,
    UUID tenantId,
    String domain,
    String fromAddress,
    @Nullable String fromName,
    @DateCreated Instant createdAt) {}
