package dev.heron.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heron.events.Settings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The keys V17–V19 and V26 turned into statement-level delete triggers are checked again on insert
 * and update (V25, V26): a row naming a missing parent is refused with SQLSTATE 23503 and the
 * statement leaves nothing; a parent deleted by a concurrent transaction behaves as with a real
 * key. On the shared test database, each test with a tenant and ids of its own.
 */
class StatementKeysTest {
  /** How long a statement may take to start waiting or to finish on a loaded CI machine. */
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static PGSimpleDataSource dataSource;

  @BeforeAll
  static void migrate() {
    dataSource = new PGSimpleDataSource();
    dataSource.setUrl(Settings.get(Settings.DB_URL));
    dataSource.setUser(Settings.get(Settings.DB_USER));
    dataSource.setPassword(Settings.get(Settings.DB_PASSWORD));
    Migrations.apply(dataSource);
  }

  /** A tenant with one campaign and two contacts, ids of its own. */
  record World(UUID tenant, UUID campaign, UUID ana, UUID ben) {
    static World seed() throws SQLException {
      World w =
          new World(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
      update(
          "INSERT INTO tenants (id, name, slug) VALUES (?, 'T', ?)", w.tenant, w.tenant.toString());
      update(
          "INSERT INTO campaigns (id, tenant_id, name) VALUES (?, ?, 'C')", w.campaign, w.tenant);
      update(
          "INSERT INTO contacts (id, tenant_id, email) VALUES (?, ?, 'ana@x.test'), (?, ?, 'ben@x.test')",
          w.ana,
          w.tenant,
          w.ben,
          w.tenant);
      return w;
    }

    UUID recipient(UUID contact) throws SQLException {
      UUID id = UUID.randomUUID();
      update(
          "INSERT INTO recipients (id, tenant_id, campaign_id, contact_id, channel, address)"
              + " VALUES (?, ?, ?, ?, 'email', 'a@x.test')",
          id,
          tenant,
          campaign,
          contact);
      return id;
    }
  }

  @Test
  void aRecipientOfAMissingCampaignIsRefusedAndTheStatementLeavesNothing() throws SQLException {
    World w = World.seed();
    UUID missing = UUID.randomUUID();

    assertRefused(
        () ->
            update(
                "INSERT INTO recipients (tenant_id, campaign_id, contact_id, channel, address)"
                    + " VALUES (?, ?, ?, 'email', 'a@x.test'), (?, ?, ?, 'email', 'b@x.test')",
                w.tenant,
                w.campaign,
                w.ana,
                w.tenant,
                missing,
                w.ben),
        "recipients.campaign_id",
        missing);
    assertThat(count("SELECT count(*) FROM recipients WHERE tenant_id = ?", w.tenant)).isZero();
  }

  @Test
  void movingARecipientToAMissingCampaignIsRefused() throws SQLException {
    World w = World.seed();
    UUID recipient = w.recipient(w.ana);
    UUID missing = UUID.randomUUID();

    assertRefused(
        () -> update("UPDATE recipients SET campaign_id = ? WHERE id = ?", missing, recipient),
        "recipients.campaign_id",
        missing);
    assertThat(count("SELECT count(*) FROM recipients WHERE campaign_id = ?", w.campaign))
        .isEqualTo(1);
  }

  @Test
  void aRecipientOfAMissingContactIsRefused() throws SQLException {
    World w = World.seed();
    UUID recipient = w.recipient(w.ana);
    UUID missing = UUID.randomUUID();

    assertRefused(() -> w.recipient(missing), "recipients.contact_id", missing);
    assertRefused(
        () -> update("UPDATE recipients SET contact_id = ? WHERE id = ?", missing, recipient),
        "recipients.contact_id",
        missing);
    assertThat(count("SELECT count(*) FROM recipients WHERE contact_id = ?", w.ana)).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM recipients WHERE contact_id = ?", missing)).isZero();
  }

  @Test
  void deletingAContactDeletesItsRecipientsAndTakesThemOffTheQueue() throws SQLException {
    World w = World.seed();
    UUID gone = w.recipient(w.ana);
    UUID kept = w.recipient(w.ben);
    update(
        "UPDATE recipients SET status = 'queued', due_at = now() WHERE campaign_id = ?",
        w.campaign);

    update("DELETE FROM contacts WHERE id = ?", w.ana);

    assertThat(count("SELECT count(*) FROM recipients WHERE id = ?", gone)).isZero();
    assertThat(count("SELECT count(*) FROM send_queue WHERE recipient_id = ?", kept)).isEqualTo(1);
  }

  @Test
  void aContactOfAMissingTenantIsRefused() throws SQLException {
    World w = World.seed();
    UUID missing = UUID.randomUUID();

    assertRefused(
        () -> update("INSERT INTO contacts (tenant_id, email) VALUES (?, 'x@x.test')", missing),
        "contacts.tenant_id",
        missing);
    assertRefused(
        () -> update("UPDATE contacts SET tenant_id = ? WHERE id = ?", missing, w.ana),
        "contacts.tenant_id",
        missing);
    assertThat(count("SELECT count(*) FROM contacts WHERE tenant_id = ?", missing)).isZero();
    assertThat(count("SELECT count(*) FROM contacts WHERE tenant_id = ?", w.tenant)).isEqualTo(2);
  }

  @Test
  void rowsWithTheirParentsPassAlsoWhenTheParentIsWrittenInTheSameStatement() throws SQLException {
    World w = World.seed();
    update(
        "WITH c AS (INSERT INTO contacts (tenant_id, email) VALUES (?, 'cy@x.test'), (?, 'dee@x.test')"
            + " RETURNING id, tenant_id, email)"
            + " INSERT INTO recipients (tenant_id, campaign_id, contact_id, channel, address)"
            + " SELECT tenant_id, ?, id, 'email', email FROM c",
        w.tenant,
        w.tenant,
        w.campaign);
    update("UPDATE recipients SET status = 'queued' WHERE campaign_id = ?", w.campaign);
    update("UPDATE contacts SET first_name = 'A' WHERE tenant_id = ?", w.tenant);

    assertThat(count("SELECT count(*) FROM recipients WHERE campaign_id = ?", w.campaign))
        .isEqualTo(2);
  }

  @Test
  @Timeout(60)
  void aStatementUpdatingManyRowsComparesOldAndNewKeysByHashingNotRowByRow() throws SQLException {
    // V28 alone compared each updated row with every old row: 39 s for these 20,000 recipients.
    World w = World.seed();
    update(
        "INSERT INTO contacts (tenant_id, email) SELECT ?, 'p' || g || '@many.test'"
            + " FROM generate_series(1, 20000) g",
        w.tenant);
    update(
        "INSERT INTO recipients (tenant_id, campaign_id, contact_id, channel, address)"
            + " SELECT tenant_id, ?, id, 'email', email FROM contacts WHERE tenant_id = ?",
        w.campaign,
        w.tenant);

    update("UPDATE recipients SET status = 'dispatched' WHERE campaign_id = ?", w.campaign);

    assertThat(
            count(
                "SELECT count(*) FROM recipients WHERE campaign_id = ? AND status = 'dispatched'",
                w.campaign))
        .isEqualTo(20_002);
  }

  @Test
  void aCampaignDeletedConcurrentlyBeforeTheInsertCommitsFailsTheInsert() throws Exception {
    World w = World.seed();
    deleteCommittedWhileARecipientWaits(
        w, "DELETE FROM campaigns WHERE id = ?", w.campaign, "recipients.campaign_id");
    assertThat(count("SELECT count(*) FROM recipients WHERE campaign_id = ?", w.campaign)).isZero();
  }

  @Test
  void aCampaignDeletedWhileItsRecipientIsBeingWrittenWaitsAndTakesItAlong() throws Exception {
    World w = World.seed();
    deleteWaitingForAWrittenRecipient(w, "DELETE FROM campaigns WHERE id = ?", w.campaign);
    assertThat(count("SELECT count(*) FROM recipients WHERE campaign_id = ?", w.campaign)).isZero();
  }

  @Test
  void aContactDeletedWhileItsRecipientIsBeingWrittenWaitsAndTakesItAlong() throws Exception {
    World w = World.seed();
    deleteWaitingForAWrittenRecipient(w, "DELETE FROM contacts WHERE id = ?", w.ana);
    assertThat(count("SELECT count(*) FROM recipients WHERE contact_id = ?", w.ana)).isZero();
  }

  @Test
  void aContactDeletedConcurrentlyBeforeTheRecipientCommitsFailsTheRecipient() throws Exception {
    World w = World.seed();
    deleteCommittedWhileARecipientWaits(
        w, "DELETE FROM contacts WHERE id = ?", w.ana, "recipients.contact_id");
    assertThat(count("SELECT count(*) FROM recipients WHERE contact_id = ?", w.ana)).isZero();
  }

  /**
   * A parent deleted in an open transaction; a recipient of it written meanwhile waits, as it would
   * for a real key, and once the delete commits is refused naming {@code column}.
   */
  private void deleteCommittedWhileARecipientWaits(
      World w, String delete, UUID parent, String column) throws Exception {
    try (Connection deleter = dataSource.getConnection()) {
      deleter.setAutoCommit(false);
      execute(deleter, delete, parent);
      long deleterPid = backendPid(deleter);
      CompletableFuture<Void> insert =
          CompletableFuture.runAsync(
              () -> {
                try {
                  w.recipient(w.ana);
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      awaitWaitingFor(deleterPid);
      deleter.commit();
      assertThatThrownBy(() -> insert.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
          .rootCause()
          .hasMessageContaining(column)
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("23503");
    }
  }

  /**
   * A recipient written in an open transaction; a delete of its parent meanwhile waits for it and,
   * once the write commits, takes the recipient along.
   */
  private void deleteWaitingForAWrittenRecipient(World w, String delete, UUID parent)
      throws Exception {
    try (Connection planner = dataSource.getConnection()) {
      planner.setAutoCommit(false);
      execute(
          planner,
          "INSERT INTO recipients (tenant_id, campaign_id, contact_id, channel, address)"
              + " VALUES (?, ?, ?, 'email', 'a@x.test')",
          w.tenant,
          w.campaign,
          w.ana);
      long plannerPid = backendPid(planner);
      CompletableFuture<Void> deleted =
          CompletableFuture.runAsync(
              () -> {
                try {
                  update(delete, parent);
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      awaitWaitingFor(plannerPid);
      planner.commit();
      deleted.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private static void assertRefused(ThrowingCallable statement, String column, UUID missing) {
    assertThatThrownBy(statement)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining(column)
        .hasMessageContaining(missing.toString())
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("23503");
  }

  private static long backendPid(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_backend_pid()");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Until a connection waits for a lock that the backend {@code holder} holds (bounded): that one,
   * not any other test's waits on the shared database.
   */
  private static void awaitWaitingFor(long holder) throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (count(
            "SELECT count(*) FROM pg_stat_activity WHERE ?::int = ANY (pg_blocking_pids(pid))",
            holder)
        == 0) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "no connection waited for backend " + holder + " within " + PATIENCE);
      }
      Thread.sleep(20);
    }
  }

  private static void update(String sql, Object... params) throws SQLException {
    Statements.update(dataSource, sql, params);
  }

  private static void execute(Connection c, String sql, Object... params) throws SQLException {
    Statements.execute(c, sql, params);
  }

  private static long count(String sql, Object... params) throws SQLException {
    return Statements.count(dataSource, sql, params);
  }
}
