package dev.heron.api.tenant;

import dev.heron.api.error.ApiException;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.text.Normalizer;
import java.util.Locale;

@Singleton
class TenantService {
  private final TenantRepository tenants;
  private final ApiKeyRepository keys;

  TenantService(TenantRepository tenants, ApiKeyRepository keys) {
    this.tenants = tenants;
    this.keys = keys;
  }

  /** The new tenant and its first API key, in the clear: the only time the key is shown. */
  record Created(Tenant tenant, String apiKey) {}

  @Transactional
  Created create(TenantRequests.Create request) {
    String slug = request.slug() != null ? request.slug() : slugOf(request.name());
    if (slug.isEmpty()) {
      throw ApiException.badRequest("slug", "slug: needs at least one letter or digit");
    }
    if (tenants.existsBySlug(slug)) {
      throw ApiException.conflict("slug", "slug: a tenant with slug '" + slug + "' already exists");
    }
    Tenant tenant = tenants.save(new Tenant(null, request.name().strip(), slug, null));
    String key = ApiKeys.generate();
    keys.save(
        new ApiKey(
            null,
            tenant.id(),
            "default",
            ApiKeys.shownPrefix(key),
            ApiKeys.hash(key),
            null,
            null,
            null));
    return new Created(tenant, key);
  }

  static String slugOf(String name) {
    String ascii =
        Normalizer.normalize(name, Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT);
    return ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
  }
}
