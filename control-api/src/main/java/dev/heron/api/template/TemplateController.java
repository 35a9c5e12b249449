package dev.heron.api.template;

import dev.heron.api.tenant.CurrentTenant;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import jakarta.validation.Valid;
import java.util.UUID;

@Controller("/api/templates")
class TemplateController {
  private final TemplateService service;

  TemplateController(TemplateService service) {
    this.service = service;
  }

  @Post
  HttpResponse<Template> create(
      CurrentTenant tenant, @Valid @Body TemplateRequests.Create request) {
    return HttpResponse.created(service.create(tenant.id(), request));
  }

  @Get("/{id}")
  Template get(CurrentTenant tenant, UUID id) {
    return service.get(tenant.id(), id);
  }
}
