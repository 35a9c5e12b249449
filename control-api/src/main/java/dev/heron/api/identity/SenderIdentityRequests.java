package dev.heron.api.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

final class SenderIdentityRequests {
  @Serdeable
  record Create(
      @NotBlank
          @Pattern(
              regexp = "(?i)([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,63}",
              message = "must be a domain name such as mail.example.com")
          String domain,
      @NotBlank @Email(regexp = ".+@.+\\..+") String fromAddress,
      @Nullable @Size(max = 200) String fromName) {}

  @Serdeable
  record View(UUID id, String domain, String fromAddress, String fromName, Instant createdAt) {
    static View of(SenderIdentity i) {
      return new View(i.id(), i.domain(), i.fromAddress(), i.fromName(), i.createdAt());
    }
  }

  private SenderIdentityRequests() {}
}
