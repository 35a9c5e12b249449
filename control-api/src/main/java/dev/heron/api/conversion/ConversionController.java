package dev.heron.api.conversion;

import dev.heron.api.tenant.CurrentTenant;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;

/**
 * Conversions reported by the tenant's own systems (a shop, a CRM): each becomes a CONVERTED event
 * credited to the message that led to it, counted in the insights and in A/B tests on conversions.
 */
@Controller("/api/conversions")
class ConversionController {
  private final ConversionService service;

  ConversionController(ConversionService service) {
    this.service = service;
  }

  @Post
  @Operation(
      summary = "Report a conversion credited to a message",
      description =
          "Name the message by messageId, or by campaignId and contactId. With an orderId, a"
              + " repeated report is answered 200 with the first one and not counted again; a new"
              + " one is answered 202 once its CONVERTED event is durable.")
  HttpResponse<ConversionRequests.Recorded> report(
      CurrentTenant tenant, @Valid @Body ConversionRequests.Report request) {
    ConversionRequests.Recorded recorded = service.report(tenant.id(), request);
    return recorded.repeated() ? HttpResponse.ok(recorded) : HttpResponse.accepted().body(recorded);
  }
}
