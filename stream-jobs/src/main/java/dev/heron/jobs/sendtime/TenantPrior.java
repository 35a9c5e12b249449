package dev.heron.jobs.sendtime;

/** A tenant's population histogram, which every contact of the tenant is smoothed toward. */
public record TenantPrior(String tenantId, DecayedHistogram histogram) {}
