package dev.heron.jobs.insights;

/**
 * The earliest human open (or click) of a message seen so far and the bucket its unique count was
 * put in.
 */
public record FirstTouch(long occurredAtMillis, BucketKey bucket) {}
