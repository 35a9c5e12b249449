package dev.heron.api.list;

import dev.heron.api.paging.Page;
import dev.heron.api.tenant.CurrentTenant;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import jakarta.validation.Valid;
import java.util.UUID;

@Controller("/api/lists")
class ListController {
  private final ListService service;

  ListController(ListService service) {
    this.service = service;
  }

  @Post
  HttpResponse<ContactList> create(CurrentTenant tenant, @Valid @Body ListRequests.Create request) {
    return HttpResponse.created(service.create(tenant.id(), request));
  }

  @Get
  Page<ContactList> page(
      CurrentTenant tenant,
      @Nullable @QueryValue Integer limit,
      @Nullable @QueryValue Integer offset) {
    return service.page(tenant.id(), Page.Request.of(limit, offset));
  }

  @Get("/{id}")
  ContactList get(CurrentTenant tenant, UUID id) {
    return service.get(tenant.id(), id);
  }

  @Post("/{id}/contacts")
  ListRequests.Added addMembers(
      CurrentTenant tenant, UUID id, @Valid @Body ListRequests.AddMembers request) {
    return new ListRequests.Added(service.addMembers(tenant.id(), id, request.contactIds()));
  }
}
