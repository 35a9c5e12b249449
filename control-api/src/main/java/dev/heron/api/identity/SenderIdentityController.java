package dev.heron.api.identity;

import dev.heron.api.tenant.CurrentTenant;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;

@Controller("/api/sender-identities")
class SenderIdentityController {
  private final SenderIdentityService service;

  SenderIdentityController(SenderIdentityService service) {
    this.service = service;
  }

  @Post
  HttpResponse<SenderIdentityRequests.View> create(
      CurrentTenant tenant, @Valid @Body SenderIdentityRequests.Create request) {
    return HttpResponse.created(
        SenderIdentityRequests.View.of(service.create(tenant.id(), request)));
  }

  @Get
  List<SenderIdentityRequests.View> list(CurrentTenant tenant) {
    return service.list(tenant.id()).stream().map(SenderIdentityRequests.View::of).toList();
  }

  @Get("/{id}")
  SenderIdentityRequests.View get(CurrentTenant tenant, UUID id) {
    return SenderIdentityRequests.View.of(service.get(tenant.id(), id));
  }
}
