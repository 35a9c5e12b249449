package dev.heron.jobs.insights;

/** A change to one bucket: {@code counts} is indexed by {@link Counter#ordinal()}. */
public record BucketDelta(BucketKey key, long[] counts) {}
