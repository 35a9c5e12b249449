package dev.heron.api.list;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

final class ListRequests {
  /**
   * A static list (members added explicitly) or a dynamic one: whoever matches {@code filter}, for
   * example {@code tags has "prospect" and last_opened_at > now() - 90d}.
   */
  @Serdeable
  record Create(
      @NotBlank @Size(max = 200) String name,
      @Nullable @Size(max = 2000) String description,
      @Nullable @Pattern(regexp = "static|dynamic", message = "must be static or dynamic")
          String kind,
      @Nullable @Size(max = 10000) String filter) {}

  /** A filter to preview before it is saved. */
  @Serdeable
  record PreviewFilter(@NotBlank @Size(max = 10000) String filter) {}

  @Serdeable
  record AddMembers(@NotEmpty @Size(max = 10000) List<@NotNull UUID> contactIds) {}

  @Serdeable
  record Added(int added) {}

  private ListRequests() {}
}
