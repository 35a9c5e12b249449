package dev.heron.api.campaign;

import dev.heron.api.planning.PlanReport;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

final class CampaignRequests {
  static final String CHANNELS = "email|whatsapp|sms|facebook|instagram";
  static final String CHANNELS_MESSAGE = "must be one of email, whatsapp, sms, facebook, instagram";

  /**
   * A new draft campaign. Channels: {@code channels}, or the single {@code channel} (default
   * email). Content: {@code templates} (channel → template id), or {@code templateId} for the one
   * channel, or {@code variants} for an A/B test (each with its split and its templates), with
   * {@code abTest} for the test's size, metric and duration.
   */
  @Serdeable
  record Create(
      @NotBlank @Size(max = 200) String name,
      @Nullable @Size(max = 2000) String description,
      @Nullable @Size(max = 500) String goal,
      @Nullable @Pattern(regexp = CHANNELS, message = CHANNELS_MESSAGE) String channel,
      @Nullable @Size(min = 1, max = 5)
          List<@NotNull @Pattern(regexp = CHANNELS, message = CHANNELS_MESSAGE) String> channels,
      @Nullable UUID templateId,
      @Nullable Map<String, UUID> templates,
      @Nullable @Size(min = 2, max = 5) List<@NotNull @Valid VariantRequest> variants,
      @Nullable @Valid AbTestRequest abTest,
      @Nullable UUID senderIdentityId,
      @NotNull @Valid AudienceRequest audience,
      @Nullable
          @Pattern(
              regexp = "marketing|transactional",
              message = "must be marketing or transactional")
          String messageClass,
      @Nullable Instant scheduledAt,
      @Nullable Instant sendWindowStart,
      @Nullable Instant sendWindowEnd,
      @Nullable @DecimalMin("0") @DecimalMax("999999999999") BigDecimal budget,
      @Nullable Boolean warmup,
      @Nullable Boolean sendTimeOptimization) {}

  /** One A/B variant: a capital letter, its share of the test group, its template per channel. */
  @Serdeable
  record VariantRequest(
      @NotBlank @Pattern(regexp = "[A-Z]", message = "must be one capital letter, A to Z")
          String name,
      @Min(1) @Max(100) int split,
      @NotEmpty Map<String, UUID> templates) {}

  /** The test: the share of the audience it uses, what decides it, for how long it runs. */
  @Serdeable
  record AbTestRequest(
      @Nullable @Min(1) @Max(100) Integer testPercent,
      @Nullable
          @Pattern(
              regexp = "opens|clicks|conversions",
              message = "must be opens, clicks or conversions")
          String metric,
      @Nullable @Min(1) @Max(720) Integer windowHours) {}

  /** Members of any of these lists, narrowed by the filter when both are given. */
  @Serdeable
  record AudienceRequest(
      @Nullable @Size(max = 100) List<@NotNull UUID> lists,
      @Nullable @Size(max = 10000) String filter) {}

  /** A launch or re-plan: the campaign after it and what each planning step did per channel. */
  @Serdeable
  record Planned(Campaign campaign, PlanReport plan, List<PlanReport> plans) {}

  private CampaignRequests() {}
}
