package dev.heron.api.campaign;

import dev.heron.api.planning.PlanReport;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

final class CampaignRequests {
  @Serdeable
  record Create(
      @NotBlank @Size(max = 200) String name,
      @Nullable @Size(max = 2000) String description,
      @Nullable @Size(max = 500) String goal,
      @Nullable
          @Pattern(
              regexp = "email|whatsapp|sms|facebook|instagram",
              message = "must be one of email, whatsapp, sms, facebook, instagram")
          String channel,
      @NotNull UUID templateId,
      @Nullable UUID senderIdentityId,
      @NotNull @Valid AudienceRequest audience,
      @Nullable
          @Pattern(
              regexp = "marketing|transactional",
              message = "must be marketing or transactional")
          String messageClass,
      @Nullable Instant scheduledAt) {}

  @Serdeable
  record AudienceRequest(@NotEmpty @Size(max = 100) List<@NotNull UUID> lists) {}

  /** A launch or re-plan: the campaign after it and what each planning step did. */
  @Serdeable
  record Planned(Campaign campaign, PlanReport plan) {}

  private CampaignRequests() {}
}
