package dev.heron.senders.content;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Compiled templates by id and version, read once from the {@link TemplateSource} and kept: a
 * campaign renders the same version for every recipient. Entries expire so that an edit of a
 * template's current version is seen within minutes.
 */
public final class TemplateCatalog {
  private record Key(UUID templateId, int version) {}

  private final LoadingCache<Key, Optional<CompiledTemplate>> cache;

  public TemplateCatalog(TemplateSource source) {
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(5))
            .build(key -> source.find(key.templateId(), key.version()).map(CompiledTemplate::new));
  }

  public Optional<CompiledTemplate> get(UUID templateId, int version) {
    return cache.get(new Key(templateId, version));
  }
}
