package dev.heron.jobs.sendtime;

/**
 * What a tenant's population tells each of its contacts' models: the hours its people read at
 * (which every contact is smoothed toward) and the reading shape fitted to them ({@link ShapeFit}).
 */
public record TenantPrior(String tenantId, DecayedHistogram histogram, ReadingShape shape) {}
