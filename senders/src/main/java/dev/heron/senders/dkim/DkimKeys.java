package dev.heron.senders.dkim;

import java.util.Optional;
import java.util.UUID;

/** The DKIM key of a tenant's sender identity, when it has one. */
public interface DkimKeys {
  Optional<DkimKey> keyFor(UUID tenantId, String domain);

  /** For senders that do not sign (tests of other concerns). */
  DkimKeys NONE = (tenant, domain) -> Optional.empty();
}
