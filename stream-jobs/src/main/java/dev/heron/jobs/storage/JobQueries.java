package dev.heron.jobs.storage;

import dev.heron.sql.NamedQueries;

/** The sink statements of {@code db/queries/jobs.sql}, checked when a job is built. */
public final class JobQueries {
  public static final String ARCHIVE_STAGING = "archive-staging";
  public static final String ARCHIVE_COPY = "archive-copy";
  public static final String ARCHIVE_STAGING_COPY = "archive-staging-copy";
  public static final String ARCHIVE_FROM_STAGING = "archive-from-staging";
  public static final String UPSERT_INSIGHT_BUCKET = "upsert-insight-bucket";
  public static final String UPSERT_IP_REPUTATION = "upsert-ip-reputation";
  public static final String UPSERT_IP_REPUTATION_CURRENT = "upsert-ip-reputation-current";
  public static final String FIND_WARMUP_PLAN = "find-warmup-plan";
  public static final String UPDATE_WARMUP_SCHEDULE = "update-warmup-schedule";
  public static final String INSERT_SUPPRESSION = "insert-suppression";
  public static final String FIND_CONTACT_ZONE = "find-contact-zone";
  public static final String UPSERT_CONTACT_SEND_TIME = "upsert-contact-send-time";
  public static final String FIND_AB_TEST = "find-ab-test";
  public static final String DECIDE_AB_TEST = "decide-ab-test";

  private JobQueries() {}

  private static NamedQueries loaded;

  /** The statements, read and checked once per JVM (each job's main and each TaskManager). */
  public static synchronized NamedQueries load() {
    if (loaded == null) {
      loaded = read();
    }
    return loaded;
  }

  private static NamedQueries read() {
    return NamedQueries.load(
        "jobs",
        ARCHIVE_STAGING,
        ARCHIVE_COPY,
        ARCHIVE_STAGING_COPY,
        ARCHIVE_FROM_STAGING,
        UPSERT_INSIGHT_BUCKET,
        UPSERT_IP_REPUTATION,
        UPSERT_IP_REPUTATION_CURRENT,
        FIND_WARMUP_PLAN,
        UPDATE_WARMUP_SCHEDULE,
        INSERT_SUPPRESSION,
        FIND_CONTACT_ZONE,
        UPSERT_CONTACT_SEND_TIME,
        FIND_AB_TEST,
        DECIDE_AB_TEST);
  }
}
