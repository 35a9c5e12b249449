package dev.heron.jobs.sendtime;

/** One snapshot of a contact's model, as {@code contact_send_time} keeps it. */
public record ContactSendTime(
    String tenantId,
    String contactId,
    long computedAtMillis,
    int[] bestHours,
    double confidence,
    long observations,
    String modelVersion) {}
