package dev.heron.api.timeline;

import dev.heron.api.message.MessageService;
import dev.heron.api.message.MessageViews.MessageView;
import dev.heron.api.paging.Page;
import dev.heron.api.tenant.CurrentTenant;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import java.util.UUID;

/** One contact's history: every message sent to it across campaigns, each with its events. */
@Controller("/api/contacts/{id}/timeline")
class TimelineController {
  private final MessageService messages;

  TimelineController(MessageService messages) {
    this.messages = messages;
  }

  @Get
  @Operation(summary = "Every message and event of one contact, across campaigns, newest first")
  Page<MessageView> timeline(
      CurrentTenant tenant,
      UUID id,
      @Nullable @QueryValue Integer limit,
      @Nullable @QueryValue Integer offset) {
    return messages.timeline(tenant.id(), id, Page.Request.of(limit, offset));
  }
}
