package dev.heron.api.template;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

final class TemplateRequests {
  @Serdeable
  record Create(
      @NotBlank @Size(max = 200) String name,
      @NotBlank
          @Pattern(
              regexp = "email|whatsapp|sms|facebook|instagram",
              message = "must be one of email, whatsapp, sms, facebook, instagram")
          String channel,
      @Nullable @Size(max = 998) String subject,
      @Nullable @Size(max = 1_000_000) String html,
      @Nullable @Size(max = 200_000) String text,
      @Nullable @Size(max = 2000) String mediaUrl) {

    TemplateContent content() {
      return new TemplateContent(subject, html, text, mediaUrl);
    }
  }

  /** New content for a template: it becomes the next version, replacing the current one. */
  @Serdeable
  record NewVersion(
      @Nullable @Size(max = 998) String subject,
      @Nullable @Size(max = 1_000_000) String html,
      @Nullable @Size(max = 200_000) String text,
      @Nullable @Size(max = 2000) String mediaUrl) {

    TemplateContent content() {
      return new TemplateContent(subject, html, text, mediaUrl);
    }
  }

  /** A version's next approval status, e.g. {@code {"status": "received"}}. */
  @Serdeable
  record StatusChange(@NotBlank String status) {}

  private TemplateRequests() {}
}
