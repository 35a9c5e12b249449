package dev.heron.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * V48 moves the send queue into the recipients: a database with queue rows written before it keeps
 * every message's due time and dispatch time, and the {@code send_queue} view shows what the table
 * showed.
 */
class QueueMigrationTest {
  private static final Instant DUE = Instant.parse("2026-03-01T09:00:00Z");
  private static final Instant DISPATCHED = Instant.parse("2026-02-28T10:15:00Z");

  private static FreshDatabase database;
  private static PGSimpleDataSource dataSource;
  private static final UUID tenant = UUID.randomUUID();
  private static final UUID campaign = UUID.randomUUID();
  private static final UUID waiting = UUID.randomUUID();
  private static final UUID dispatched = UUID.randomUUID();
  private static final UUID held = UUID.randomUUID();

  @BeforeAll
  static void queueBeforeV48ThenMigrate() throws SQLException {
    database = new FreshDatabase();
    dataSource = database.dataSource();
    Flyway.configure()
        .configuration(Migrations.configure(dataSource).getConfiguration())
        .target("47")
        .load()
        .migrate();
    update("INSERT INTO tenants (id, name, slug) VALUES (?, 'T', ?)", tenant, tenant.toString());
    update("INSERT INTO campaigns (id, tenant_id, name) VALUES (?, ?, 'C')", campaign, tenant);
    recipient(waiting, "queued");
    recipient(dispatched, "delivered");
    recipient(held, "held");
    update(
        "INSERT INTO send_queue (recipient_id, tenant_id, campaign_id, due_at, dispatched_at)"
            + " VALUES (?, ?, ?, ?, NULL), (?, ?, ?, ?, ?)",
        waiting,
        tenant,
        campaign,
        Timestamp.from(DUE),
        dispatched,
        tenant,
        campaign,
        Timestamp.from(DUE),
        Timestamp.from(DISPATCHED));

    Migrations.apply(dataSource);
  }

  @AfterAll
  static void dropIt() throws SQLException {
    database.drop();
  }

  @Test
  void aWaitingMessageKeepsItsDueTimeAndStaysOnTheQueue() throws SQLException {
    assertThat(instant("SELECT due_at FROM recipients WHERE id = ?", waiting)).isEqualTo(DUE);
    assertThat(instant("SELECT dispatched_at FROM recipients WHERE id = ?", waiting)).isNull();
    assertThat(
            count(
                "SELECT count(*) FROM send_queue WHERE recipient_id = ? AND dispatched_at IS NULL",
                waiting))
        .isEqualTo(1);
  }

  @Test
  void aDispatchedMessageKeepsWhenItWasDispatched() throws SQLException {
    assertThat(instant("SELECT dispatched_at FROM recipients WHERE id = ?", dispatched))
        .isEqualTo(DISPATCHED);
    assertThat(instant("SELECT dispatched_at FROM send_queue WHERE recipient_id = ?", dispatched))
        .isEqualTo(DISPATCHED);
  }

  @Test
  void aHeldBackRecipientIsNotOnTheQueue() throws SQLException {
    assertThat(count("SELECT count(*) FROM send_queue WHERE recipient_id = ?", held)).isZero();
    assertThat(count("SELECT count(*) FROM recipients WHERE id = ?", held)).isEqualTo(1);
  }

  private static void recipient(UUID id, String status) throws SQLException {
    UUID contact = UUID.randomUUID();
    update(
        "INSERT INTO contacts (id, tenant_id, email) VALUES (?, ?, ?)",
        contact,
        tenant,
        id + "@x.test");
    update(
        "INSERT INTO recipients (id, tenant_id, campaign_id, contact_id, channel, address, status)"
            + " VALUES (?, ?, ?, ?, 'email', 'a@x.test', ?)",
        id,
        tenant,
        campaign,
        contact,
        status);
  }

  private static void update(String sql, Object... params) throws SQLException {
    Statements.update(dataSource, sql, params);
  }

  private static long count(String sql, Object... params) throws SQLException {
    return Statements.count(dataSource, sql, params);
  }

  private static Instant instant(String sql, Object... params) throws SQLException {
    OffsetDateTime at = Statements.first(dataSource, OffsetDateTime.class, sql, params);
    return at == null ? null : at.toInstant();
  }
}
