package dev.heron.api.message;

import dev.heron.api.message.MessageViews.MessageView;
import dev.heron.api.paging.Page;
import dev.heron.api.tenant.CurrentTenant;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import java.util.UUID;

@Controller("/api/messages")
class MessageController {
  private final MessageService service;

  MessageController(MessageService service) {
    this.service = service;
  }

  @Get
  @Operation(
      summary = "Message search",
      description =
          "Exactly one of recipient (an email address or phone number), messageId or campaignId."
              + " Each message comes with every event of it, the exact SMTP replies included.")
  Page<MessageView> search(
      CurrentTenant tenant,
      @Nullable @QueryValue String recipient,
      @Nullable @QueryValue UUID messageId,
      @Nullable @QueryValue UUID campaignId,
      @Nullable @QueryValue Integer limit,
      @Nullable @QueryValue Integer offset) {
    return service.search(
        tenant.id(), recipient, messageId, campaignId, Page.Request.of(limit, offset));
  }
}
