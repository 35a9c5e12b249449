package dev.heron.api.tenant;

import dev.heron.api.error.ApiError;
import dev.heron.events.Settings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Optional;
import java.util.UUID;

/**
 * Every {@code /api/**} request carries {@code Authorization: Bearer <key>}: the admin key for
 * {@code /api/tenants}, a tenant's API key for everything else, which makes that tenant the
 * request's {@link CurrentTenant}.
 */
@ServerFilter("/api/**")
class ApiKeyFilter {
  private static final String BEARER = "Bearer ";
  private static final String ADMIN_PATH = "/api/tenants";

  private final ApiKeyRepository keys;
  private final String adminKey;

  ApiKeyFilter(ApiKeyRepository keys) {
    this.keys = keys;
    this.adminKey = Settings.get(Settings.ADMIN_KEY);
  }

  @RequestFilter
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Nullable
  HttpResponse<ApiError> authenticate(HttpRequest<?> request) {
    Optional<String> bearer =
        request
            .getHeaders()
            .get(HttpHeaders.AUTHORIZATION, String.class)
            .filter(h -> h.regionMatches(true, 0, BEARER, 0, BEARER.length()))
            .map(h -> h.substring(BEARER.length()).trim())
            .filter(k -> !k.isEmpty());
    if (bearer.isEmpty()) {
      return refuse("missing bearer API key in the Authorization header");
    }
    String path = request.getPath();
    if (path.equals(ADMIN_PATH) || path.startsWith(ADMIN_PATH + "/")) {
      return ApiKeys.same(bearer.get(), adminKey) ? null : refuse("not the admin key");
    }
    Optional<UUID> tenant = keys.findTenantIdOfLiveKey(ApiKeys.hash(bearer.get()));
    if (tenant.isEmpty()) {
      return refuse("unknown or revoked API key");
    }
    request.setAttribute(CurrentTenant.ATTRIBUTE, new CurrentTenant(tenant.get()));
    return null;
  }

  private static HttpResponse<ApiError> refuse(String why) {
    return HttpResponse.<ApiError>status(HttpStatus.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .body(new ApiError(why, "Authorization"));
  }
}
