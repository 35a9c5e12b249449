package dev.heron.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Runs every migration on a new, empty database of the local TimescaleDB server. */
class MigrationsTest {
  private static FreshDatabase database;
  private static PGSimpleDataSource dataSource;
  private static MigrateResult firstRun;

  @BeforeAll
  static void migrateAFreshDatabase() throws SQLException {
    database = new FreshDatabase();
    dataSource = database.dataSource();
    firstRun = Migrations.apply(dataSource);
  }

  @AfterAll
  static void dropIt() throws SQLException {
    database.drop();
  }

  @Test
  void everyMigrationAppliesAndASecondRunHasNothingToDo() {
    assertThat(firstRun.success).isTrue();
    assertThat(firstRun.migrationsExecuted).isGreaterThanOrEqualTo(8);
    assertThat(Migrations.apply(dataSource).migrationsExecuted).isZero();
  }

  @Test
  void theAnalyticalTablesAreHypertables() throws SQLException {
    assertThat(column("SELECT hypertable_name FROM timescaledb_information.hypertables ORDER BY 1"))
        .containsExactly("contact_send_time", "events", "insight_buckets_hourly", "ip_reputation");
  }

  @Test
  void embeddingsAreVectorsOf768WithHnswIndexes() throws SQLException {
    assertThat(
            column(
                "SELECT table_name || '.' || format_type(atttypid, atttypmod) FROM"
                    + " information_schema.columns c JOIN pg_attribute a ON a.attname = c.column_name"
                    + " AND a.attrelid = c.table_name::regclass WHERE c.column_name = 'embedding'"
                    + " ORDER BY 1"))
        .containsExactly("campaign_emails.vector(768)", "campaigns.vector(768)");
    assertThat(
            column(
                "SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%USING hnsw%' ORDER BY 1"))
        .containsExactly("campaign_emails_embedding_idx", "campaigns_embedding_idx");
  }

  @Test
  void storagePoliciesFollowTheEditionsLicense() throws SQLException {
    String license =
        column("SELECT coalesce(current_setting('timescaledb.license', true), 'apache')").get(0);
    List<String> jobs =
        column(
            "SELECT proc_name FROM timescaledb_information.jobs WHERE proc_name IN"
                + " ('policy_compression', 'policy_retention')");
    if (license.equals("timescale")) {
      assertThat(jobs).contains("policy_compression", "policy_retention");
    } else {
      assertThat(jobs).isEmpty();
    }
    assertThat(column("SELECT hypertable FROM retention_settings ORDER BY 1"))
        .containsExactly("contact_send_time", "events", "insight_buckets_hourly", "ip_reputation");
  }

  @Test
  void anEventIsArchivedOnceWhateverHowOftenItIsReplayed() throws SQLException {
    String insert =
        "INSERT INTO events (occurred_at, event_id, type, schema_version, tenant_id)"
            + " VALUES ('2026-11-23T10:00:00Z', '6f1c1d39-0d53-4f3f-8e7c-1df3c7a0b7a1', 'SENT', 1,"
            + " gen_random_uuid()) ON CONFLICT DO NOTHING";
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      assertThat(st.executeUpdate(insert)).isEqualTo(1);
      assertThat(st.executeUpdate(insert)).isZero();
    }
  }

  @Test
  void timeOrderedIdsHaveTheUuidV7LayoutTheCurrentMillisecondAndNoRepeats() throws SQLException {
    long before = System.currentTimeMillis();
    List<String> checks =
        column(
            "SELECT count(*) || ' ' || count(DISTINCT id)"
                + " || ' ' || count(*) FILTER (WHERE substr(id::text, 15, 1) = '7')"
                + " || ' ' || count(*) FILTER (WHERE substr(id::text, 20, 1) IN ('8', '9', 'a', 'b'))"
                + " || ' ' || min(('x' || lpad(replace(substr(id::text, 1, 13), '-', ''), 16, '0'))::bit(64)::bigint)"
                + " || ' ' || max(('x' || lpad(replace(substr(id::text, 1, 13), '-', ''), 16, '0'))::bit(64)::bigint)"
                + " FROM (SELECT heron_uuid_v7() AS id FROM generate_series(1, 100000)) ids");
    long after = System.currentTimeMillis();
    String[] n = checks.get(0).split(" ");
    assertThat(n[0]).isEqualTo("100000");
    assertThat(n[1]).as("distinct").isEqualTo("100000");
    assertThat(n[2]).as("version 7").isEqualTo("100000");
    assertThat(n[3]).as("variant 10").isEqualTo("100000");
    assertThat(Long.parseLong(n[4])).isGreaterThanOrEqualTo(before - 1000);
    assertThat(Long.parseLong(n[5])).isLessThanOrEqualTo(after + 1000);
  }

  /**
   * A migration once released is never edited (a database that ran it would refuse to start: its
   * checksum no longer matches); a change is a new migration. {@code released-migrations.txt} holds
   * each migration's version and checksum; a new migration adds its line.
   */
  @Test
  void releasedMigrationsAreNeverEdited() throws Exception {
    List<String> applied =
        column(
            "SELECT version || ' ' || checksum FROM flyway_schema_history"
                + " WHERE version IS NOT NULL ORDER BY version::int");
    List<String> released;
    try (var in = MigrationsTest.class.getResourceAsStream("/released-migrations.txt")) {
      released =
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
              .lines()
              .filter(line -> !line.isBlank() && !line.startsWith("#"))
              .toList();
    }
    assertThat(applied)
        .as("version and checksum of each migration, as released-migrations.txt lists them")
        .containsExactlyElementsOf(released);
  }

  private static List<String> column(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
