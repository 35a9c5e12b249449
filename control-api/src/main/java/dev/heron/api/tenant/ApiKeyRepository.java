package dev.heron.api.tenant;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ApiKeyRepository extends CrudRepository<ApiKey, UUID> {
  /** The tenant a live key belongs to. */
  @Query(
      """
      SELECT tenant_id FROM api_keys WHERE key_hash = :keyHash AND revoked_at IS NULL
      """)
  Optional<UUID> findTenantIdOfLiveKey(String keyHash);
}
