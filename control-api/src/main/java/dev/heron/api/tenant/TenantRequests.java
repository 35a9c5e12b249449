package dev.heron.api.tenant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

final class TenantRequests {
  @Serdeable
  record Create(
      @NotBlank @Size(max = 200) String name,
      @Nullable
          @Pattern(
              regexp = "[a-z0-9]+(-[a-z0-9]+)*",
              message = "must be lower-case letters and digits separated by single dashes")
          @Size(max = 80)
          String slug) {}

  @Serdeable
  record CreatedResponse(Tenant tenant, String apiKey) {}

  private TenantRequests() {}
}
