package dev.heron.api.list;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

final class ListRequests {
  @Serdeable
  record Create(
      @NotBlank @Size(max = 200) String name, @Nullable @Size(max = 2000) String description) {}

  @Serdeable
  record AddMembers(@NotEmpty @Size(max = 10000) List<@NotNull UUID> contactIds) {}

  @Serdeable
  record Added(int added) {}

  private ListRequests() {}
}
