package dev.heron.events;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Every configuration key Heron reads, with its default. A key is read from the JVM system property
 * of the same name, then the environment, then the default here; {@code bin/heron} sets them as
 * environment variables.
 */
public final class Settings {
  /** Where local state and logs live. */
  public static final String HOME = "HERON_HOME";

  public static final String DB_URL = "HERON_DB_URL";
  public static final String DB_USER = "HERON_DB_USER";
  public static final String DB_PASSWORD = "HERON_DB_PASSWORD";

  public static final String KAFKA_BOOTSTRAP = "HERON_KAFKA_BOOTSTRAP";
  public static final String KAFKA_PARTITIONS = "HERON_KAFKA_PARTITIONS";

  /** The control API's HTTP port. */
  public static final String API_PORT = "HERON_API_PORT";

  /** The base URL recipients reach the tracking endpoints on (pixel, clicks, unsubscribe). */
  public static final String PUBLIC_URL = "HERON_PUBLIC_URL";

  /** Signs click and unsubscribe tokens. Set a long random value in production. */
  public static final String TRACKING_SECRET = "HERON_TRACKING_SECRET";

  /** The bearer key allowed to create tenants. Set it in production. */
  public static final String ADMIN_KEY = "HERON_ADMIN_KEY";

  /** The senders' health and metrics port. */
  public static final String SENDERS_PORT = "HERON_SENDERS_PORT";

  /** The port senders connect to on a recipient's MX host: 25 in production. */
  public static final String SMTP_PORT = "HERON_SMTP_PORT";

  /** {@code host:port} of the DNS server for MX look-ups; empty means the system resolver. */
  public static final String DNS_SERVER = "HERON_DNS_SERVER";

  /** Comma-separated local source addresses used when no sending IPs are configured. */
  public static final String SENDING_IPS = "HERON_SENDING_IPS";

  /** The SMTP port that receives late bounces (RFC 3464) and complaints (RFC 5965). */
  public static final String BOUNCE_PORT = "HERON_BOUNCE_PORT";

  public static final String SIM_SMTP_PORT = "HERON_SIM_SMTP_PORT";
  public static final String SIM_DNS_PORT = "HERON_SIM_DNS_PORT";

  /** The REST port of the local Flink MiniCluster that runs the stream jobs. */
  public static final String FLINK_PORT = "HERON_FLINK_PORT";

  /**
   * Flink checkpoint interval in milliseconds. A checkpoint of the heap state writes all of it, so
   * a shorter interval costs the jobs CPU in proportion to their state; a longer one replays more
   * events after a crash (never counting one twice). Buckets are written on their own timer, not at
   * checkpoints, so their freshness does not depend on it.
   */
  public static final String CHECKPOINT_INTERVAL_MS = "HERON_CHECKPOINT_INTERVAL_MS";

  // The stream jobs.

  /** How far behind the newest event time an event may arrive and still be on time. */
  public static final String EVENTS_OUT_OF_ORDERNESS_MS = "HERON_EVENTS_OUT_OF_ORDERNESS_MS";

  /** After how long a silent Kafka partition stops holding event time back. */
  public static final String EVENTS_IDLENESS_MS = "HERON_EVENTS_IDLENESS_MS";

  /** {@code hashmap} (in memory) or {@code rocksdb} for state larger than memory. */
  public static final String STATE_BACKEND = "HERON_STATE_BACKEND";

  /** Parallelism of the local stream pipeline. */
  public static final String FLINK_PARALLELISM = "HERON_FLINK_PARALLELISM";

  /** The consumer group the stream pipeline commits its {@code heron.events} offsets under. */
  public static final String JOBS_GROUP = "HERON_JOBS_GROUP";

  /**
   * Where a stream pipeline with neither a checkpoint nor committed offsets starts reading: empty
   * for the earliest record, or epoch milliseconds to start from the records of that time on.
   */
  public static final String JOBS_START_AT = "HERON_JOBS_START_AT";

  // The senders.

  /**
   * How long a claimed message may go without a sign of life from its sender before another sender
   * tries it again (the watchdog retry), in seconds. A running sender renews the leases of its
   * messages in flight, so it bounds the wait after a crash, not the time a message may take.
   */
  public static final String CLAIM_LEASE_SECONDS = "HERON_CLAIM_LEASE_SECONDS";

  /**
   * Comma-separated tenant ids a senders instance serves; empty for all. A scoped instance reads
   * {@code heron.sends} in a consumer group of its own.
   */
  public static final String SENDERS_TENANTS = "HERON_SENDERS_TENANTS";

  /**
   * A shaping-rules file replacing the senders' built-in {@code shaping-rules.json}; empty: that.
   */
  public static final String SHAPING_RULES = "HERON_SHAPING_RULES";

  private static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry(HOME, ".heron"),
          Map.entry(DB_URL, "jdbc:postgresql://127.0.0.1:55432/heron"),
          Map.entry(DB_USER, "heron"),
          Map.entry(DB_PASSWORD, "heron"),
          Map.entry(KAFKA_BOOTSTRAP, "127.0.0.1:19092"),
          Map.entry(KAFKA_PARTITIONS, "4"),
          Map.entry(API_PORT, "8080"),
          Map.entry(PUBLIC_URL, "http://127.0.0.1:8080"),
          Map.entry(TRACKING_SECRET, "heron-local-tracking-secret"),
          Map.entry(ADMIN_KEY, "heron-local-admin-key"),
          Map.entry(SENDERS_PORT, "8081"),
          Map.entry(SMTP_PORT, "25"),
          Map.entry(DNS_SERVER, ""),
          Map.entry(SENDING_IPS, "127.0.0.2,127.0.0.3,127.0.0.4"),
          Map.entry(BOUNCE_PORT, "2526"),
          Map.entry(SIM_SMTP_PORT, "2525"),
          Map.entry(SIM_DNS_PORT, "5353"),
          Map.entry(FLINK_PORT, "8082"),
          Map.entry(CHECKPOINT_INTERVAL_MS, "5000"),
          Map.entry(EVENTS_OUT_OF_ORDERNESS_MS, "5000"),
          Map.entry(EVENTS_IDLENESS_MS, "10000"),
          Map.entry(STATE_BACKEND, "hashmap"),
          Map.entry(FLINK_PARALLELISM, "2"),
          Map.entry(JOBS_GROUP, "heron-stream-jobs"),
          Map.entry(JOBS_START_AT, ""),
          Map.entry(CLAIM_LEASE_SECONDS, "60"),
          Map.entry(SENDERS_TENANTS, ""),
          Map.entry(SHAPING_RULES, ""));

  /** The value of {@code key}; fails for a key that is not declared here. */
  public static String get(String key) {
    if (!DEFAULTS.containsKey(key)) {
      throw new IllegalArgumentException("undeclared setting " + key);
    }
    return Optional.ofNullable(System.getProperty(key))
        .or(() -> Optional.ofNullable(System.getenv(key)))
        .orElse(DEFAULTS.get(key));
  }

  public static int getInt(String key) {
    String value = get(key);
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'", e);
    }
  }

  /** A path below {@link #HOME}. */
  public static Path home(String first, String... more) {
    return Path.of(get(HOME)).resolve(Path.of(first, more));
  }

  private Settings() {}
}
