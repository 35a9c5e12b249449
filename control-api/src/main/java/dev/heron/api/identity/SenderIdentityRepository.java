package dev.heron.api.identity;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SenderIdentityRepository extends CrudRepository<SenderIdentity, UUID> {
  Optional<SenderIdentity> findByIdAndTenantId(UUID id, UUID tenantId);

  List<SenderIdentity> findByTenantIdOrderByCreatedAt(UUID tenantId);

  boolean existsByTenantIdAndDomain(UUID tenantId, String domain);
}
