package dev.heron.senders.content;

import java.util.Optional;
import java.util.UUID;

/** Reads template versions; {@code version} 0 or less means the template's current version. */
public interface TemplateSource {
  Optional<TemplateVersion> find(UUID templateId, int version);
}
