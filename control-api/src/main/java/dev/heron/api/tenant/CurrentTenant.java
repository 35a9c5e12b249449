package dev.heron.api.tenant;

import java.util.UUID;

/**
 * The tenant the request's API key belongs to. Controllers take it as a parameter; every query they
 * cause is scoped to {@link #id()}.
 */
public record CurrentTenant(UUID id) {
  static final String ATTRIBUTE = "heron.tenant";
}
