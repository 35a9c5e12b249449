package dev.heron.api.contact;

import dev.heron.api.paging.Page;
import dev.heron.api.tenant.CurrentTenant;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import jakarta.validation.Valid;
import java.util.UUID;

@Controller("/api/contacts")
class ContactController {
  private final ContactService service;

  ContactController(ContactService service) {
    this.service = service;
  }

  @Post
  HttpResponse<Contact> create(CurrentTenant tenant, @Valid @Body ContactRequests.Create request) {
    return HttpResponse.created(service.create(tenant.id(), request));
  }

  @Get
  Page<Contact> page(
      CurrentTenant tenant,
      @Nullable @QueryValue String email,
      @Nullable @QueryValue Integer limit,
      @Nullable @QueryValue Integer offset) {
    return service.page(tenant.id(), email, Page.Request.of(limit, offset));
  }

  @Patch("/{id}")
  Contact update(CurrentTenant tenant, UUID id, @Valid @Body ContactRequests.Update request) {
    return service.update(tenant.id(), id, request);
  }

  @Get("/{id}")
  Contact get(CurrentTenant tenant, UUID id) {
    return service.get(tenant.id(), id);
  }
}
