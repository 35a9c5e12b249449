package dev.heron.api.tenant;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import jakarta.validation.Valid;

/** Onboarding, with the admin key: a tenant and its first API key. */
@Controller("/api/tenants")
class TenantController {
  private final TenantService service;

  TenantController(TenantService service) {
    this.service = service;
  }

  @Post
  HttpResponse<TenantRequests.CreatedResponse> create(@Valid @Body TenantRequests.Create request) {
    TenantService.Created created = service.create(request);
    return HttpResponse.created(
        new TenantRequests.CreatedResponse(created.tenant(), created.apiKey()));
  }
}
