package dev.heron.api.list;

import dev.heron.api.audience.AudienceService;
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

  /** The list's member count and its newest members ({@code limit}, default 10, at most 100). */
  @Get("/{id}/preview")
  AudienceService.Preview preview(
      CurrentTenant tenant, UUID id, @Nullable @QueryValue Integer limit) {
    return service.preview(tenant.id(), id, limit == null ? 10 : limit);
  }

  /** What a filter expression selects, before it is saved. */
  @Post("/preview")
  AudienceService.Preview previewFilter(
      CurrentTenant tenant,
      @Valid @Body ListRequests.PreviewFilter request,
      @Nullable @QueryValue Integer limit) {
    return service.previewFilter(tenant.id(), request.filter(), limit == null ? 10 : limit);
  }

  @Post("/{id}/contacts")
  ListRequests.Added addMembers(
      CurrentTenant tenant, UUID id, @Valid @Body ListRequests.AddMembers request) {
    return new ListRequests.Added(service.addMembers(tenant.id(), id, request.contactIds()));
  }
}
