package dev.heron.api.webhook;

import dev.heron.api.paging.Page;
import dev.heron.api.tenant.CurrentTenant;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;

/**
 * Outbound webhooks: a tenant subscribes a URL to event types and receives each matching event of
 * heron.events as a signed POST (see {@link WebhookSignature}), retried with backoff.
 */
@Controller("/api/webhooks")
class WebhookController {
  private final WebhookService service;

  WebhookController(WebhookService service) {
    this.service = service;
  }

  @Post
  @Operation(
      summary = "Subscribe a URL to events",
      description =
          "Each matching event is POSTed as its JSON with the headers Heron-Event-Id,"
              + " Heron-Event-Type, Heron-Delivery-Id and Heron-Signature: t=<unix time>,"
              + "v1=<hex HMAC-SHA256 of t + '.' + body, keyed with the secret>. The secret is"
              + " shown only in this answer. A non-2xx answer is retried with exponential backoff.")
  HttpResponse<WebhookRequests.View> create(
      CurrentTenant tenant, @Valid @Body WebhookRequests.Create request) {
    return HttpResponse.created(service.create(tenant.id(), request));
  }

  @Get
  @Operation(summary = "The tenant's webhook subscriptions")
  List<WebhookRequests.View> list(CurrentTenant tenant) {
    return service.list(tenant.id());
  }

  @Get("/{id}")
  @Operation(summary = "One webhook subscription")
  WebhookRequests.View get(CurrentTenant tenant, UUID id) {
    return service.get(tenant.id(), id);
  }

  @Delete("/{id}")
  @Operation(summary = "Delete a subscription: no further deliveries; its log is kept")
  HttpResponse<Void> delete(CurrentTenant tenant, UUID id) {
    service.delete(tenant.id(), id);
    return HttpResponse.noContent();
  }

  @Get("/{id}/deliveries")
  @Operation(summary = "The delivery log of a subscription, newest first")
  Page<WebhookRequests.Delivery> deliveries(
      CurrentTenant tenant,
      UUID id,
      @Nullable @QueryValue Integer limit,
      @Nullable @QueryValue Integer offset) {
    return service.deliveries(tenant.id(), id, Page.Request.of(limit, offset));
  }
}
