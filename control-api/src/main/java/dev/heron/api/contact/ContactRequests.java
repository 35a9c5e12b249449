package dev.heron.api.contact;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

final class ContactRequests {
  @Serdeable
  record Create(
      @NotBlank String email,
      @Nullable @Size(max = 200) String firstName,
      @Nullable @Size(max = 200) String lastName,
      @Nullable String phone,
      @Nullable @Size(max = 2000) String description,
      @Nullable @Size(max = 200) String company,
      @Nullable String timeZone,
      @Nullable @Size(max = 100) List<@NotBlank @Size(max = 100) String> tags,
      @Nullable Map<String, Object> attributes,
      @Nullable
          @Pattern(
              regexp = "granted|pending|none|withdrawn",
              message = "must be one of granted, pending, none, withdrawn")
          String consent) {}

  /** Only the fields given change; attributes are merged into the stored ones. */
  @Serdeable
  record Update(
      @Nullable @Size(max = 200) String firstName,
      @Nullable @Size(max = 200) String lastName,
      @Nullable String phone,
      @Nullable @Size(max = 2000) String description,
      @Nullable @Size(max = 200) String company,
      @Nullable String timeZone,
      @Nullable @Size(max = 100) List<@NotBlank @Size(max = 100) String> tags,
      @Nullable Map<String, Object> attributes,
      @Nullable
          @Pattern(
              regexp = "granted|pending|none|withdrawn",
              message = "must be one of granted, pending, none, withdrawn")
          String consent,
      @Nullable Boolean optedOut) {}

  private ContactRequests() {}
}
