package dev.heron.api.planning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heron.events.Json;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * At most {@code messages} marketing messages per contact in any {@code days} days: a tenant
 * setting ({@code tenants.settings.frequencyCap}) with a default of 3 per 7 days.
 */
@Serdeable
public record FrequencyCap(@Min(1) @Max(1000) int messages, @Min(1) @Max(365) int days) {
  public static final FrequencyCap DEFAULT = new FrequencyCap(3, 7);

  /** The cap in a tenant's settings JSON; a missing or unreadable one is the default. */
  static FrequencyCap fromSettings(String settingsJson) {
    try {
      JsonNode cap =
          Json.mapper().readTree(settingsJson == null ? "{}" : settingsJson).path("frequencyCap");
      int messages = cap.path("messages").asInt(DEFAULT.messages);
      int days = cap.path("days").asInt(DEFAULT.days);
      if (messages < 1 || messages > 1000 || days < 1 || days > 365) {
        return DEFAULT;
      }
      return new FrequencyCap(messages, days);
    } catch (java.io.IOException e) {
      return DEFAULT;
    }
  }
}
