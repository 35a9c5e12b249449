package dev.heron.api.identity;

import dev.heron.api.error.ApiException;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@Singleton
public class SenderIdentityService {
  private final SenderIdentityRepository identities;

  SenderIdentityService(SenderIdentityRepository identities) {
    this.identities = identities;
  }

  @Transactional
  SenderIdentity create(UUID tenantId, SenderIdentityRequests.Create request) {
    String domain = request.domain().strip().toLowerCase(Locale.ROOT);
    String from = request.fromAddress().strip().toLowerCase(Locale.ROOT);
    String fromDomain = from.substring(from.indexOf('@') + 1);
    // The From domain must align with the identity, or DKIM and DMARC cannot pass.
    if (!fromDomain.equals(domain) && !fromDomain.endsWith("." + domain)) {
      throw ApiException.badRequest(
          "fromAddress", "fromAddress: must be an address at " + domain + ", was " + from);
    }
    if (identities.existsByTenantIdAndDomain(tenantId, domain)) {
      throw ApiException.conflict(
          "domain", "domain: an identity for " + domain + " already exists");
    }
    return identities.save(
        new SenderIdentity(null, tenantId, domain, from, request.fromName(), null));
  }

  @Transactional
  public SenderIdentity get(UUID tenantId, UUID id) {
    return identities
        .findByIdAndTenantId(id, tenantId)
        .orElseThrow(() -> ApiException.notFound("sender identity", id));
  }

  @Transactional
  List<SenderIdentity> list(UUID tenantId) {
    return identities.findByTenantIdOrderByCreatedAt(tenantId);
  }
}
