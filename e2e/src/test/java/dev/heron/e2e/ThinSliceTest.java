package dev.heron.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The thin slice on the real stack that {@code bin/heron test} starts: control API, Kafka, senders,
 * the simulator's SMTP and DNS, Flink and TimescaleDB. What the insights API reports must equal the
 * raw archive and what the simulator accepted and refused.
 */
class ThinSliceTest {
  private static final DemoAudience AUDIENCE = DemoAudience.of(30, 6);

  /**
   * How long the archive and the buckets may take to agree, and late replies to arrive, after the
   * slice saw its insights settle: they are written by different operators of the pipeline, and a
   * CI machine at a load of 10 can hold one back for tens of seconds.
   */
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  private static ThinSlice.Outcome outcome;
  private static HeronApi tenant;

  @BeforeAll
  static void runTheSlice() throws InterruptedException {
    HeronApi admin =
        new HeronApi(
            "http://127.0.0.1:" + Settings.get(Settings.API_PORT),
            Settings.get(Settings.ADMIN_KEY));
    outcome = new ThinSlice(admin, AUDIENCE).run();
    tenant = admin.as(outcome.apiKey());
  }

  @Test
  void everyRecipientIsSentAndTheRefusedOnesBounce() throws InterruptedException {
    // Replies come back through the late-report port seconds after delivery: the slice's quiet
    // spell can end before the last of them on a loaded machine.
    ThinSlice.Totals totals =
        awaitTotals(t -> t.replied() >= AUDIENCE.expectedReplies() && t.opened() > 0);
    long bounces = AUDIENCE.expectedBounces();

    assertThat(bounces).isPositive();
    assertThat(totals.sent()).isEqualTo(AUDIENCE.emails().size());
    assertThat(totals.bounced()).isEqualTo(bounces);
    assertThat(totals.delivered()).isEqualTo(AUDIENCE.emails().size() - bounces);
    assertThat(totals.opened()).as("the simulator's recipients open").isPositive();
    assertThat(AUDIENCE.expectedReplies()).isPositive();
    assertThat(totals.replied())
        .as("the simulator's reply* recipients write back")
        .isEqualTo(AUDIENCE.expectedReplies());
  }

  @Test
  void bucketTotalsEqualTheRawEventArchive() throws Exception {
    // The archive and the buckets are written by different operators: read both again until
    // they agree, as they must within seconds of the last event; a real mismatch never does.
    Settled.check(
        PATIENCE,
        () -> {
          ThinSlice.Totals archived = archivedTotals();
          ThinSlice.Totals totals = withoutDeferrals(insights());
          assertThat(archived.sent()).as("SENT archived").isEqualTo(totals.sent());
          assertThat(archived.delivered()).as("DELIVERED archived").isEqualTo(totals.delivered());
          assertThat(archived.bounced()).as("BOUNCED archived").isEqualTo(totals.bounced());
          assertThat(archived.replied()).as("REPLIED archived").isEqualTo(totals.replied());
          assertThat(archived.opened())
              .as("messages opened by a person")
              .isEqualTo(totals.opened());
          assertThat(archived.clicked()).as("messages clicked").isEqualTo(totals.clicked());
        });
    assertThat(single("SELECT count(*) FROM events WHERE campaign_id = ?"))
        .as("each event archived once")
        .isEqualTo(single("SELECT count(DISTINCT event_id) FROM events WHERE campaign_id = ?"));
  }

  @Test
  void bouncesKeepTheExactSmtpReply() throws Exception {
    // The insights counted every bounce; the archive, another operator, may still be writing one.
    Settled.check(
        PATIENCE,
        () ->
            assertThat(archivedTotals().bounced())
                .as("bounces archived")
                .isGreaterThanOrEqualTo(AUDIENCE.expectedBounces()));
    Set<String> bouncedAddresses = new HashSet<>();
    query(
        "SELECT r.address, e.smtp_code, e.enhanced_status, e.smtp_response, e.bounce_class"
            + " FROM events e JOIN recipients r ON r.message_id = e.message_id"
            + " WHERE e.campaign_id = ? AND e.type = 'BOUNCED'",
        rs -> {
          bouncedAddresses.add(rs.getString(1));
          assertThat(rs.getInt(2)).isEqualTo(550);
          assertThat(rs.getString(3)).isEqualTo("5.1.1");
          assertThat(rs.getString(4)).contains("550").contains("5.1.1");
          assertThat(rs.getString(5)).isEqualTo("hard");
        });

    assertThat(bouncedAddresses)
        .containsExactlyInAnyOrderElementsOf(
            AUDIENCE.emails().stream().filter(DemoAudience::refusedBySimulator).toList());
  }

  @Test
  void theSimulatorKeptOneMessageForEachDeliveredRecipient() throws SQLException, IOException {
    Map<String, String> messageIdByAddress = new HashMap<>();
    query(
        "SELECT address, message_id FROM recipients WHERE campaign_id = ?",
        rs -> messageIdByAddress.put(rs.getString(1), rs.getString(2)));
    Path mail = Settings.home("sim", "mail");

    for (String address : AUDIENCE.emails()) {
      String messageId = messageIdByAddress.get(address);
      long kept = filesMentioning(mail.resolve(address), messageId);
      assertThat(kept)
          .as("messages kept for %s", address)
          .isEqualTo(DemoAudience.refusedBySimulator(address) ? 0 : 1);
    }
  }

  private static long filesMentioning(Path dir, String messageId) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> emls = files.filter(f -> f.toString().endsWith(".eml")).toList();
      long count = 0;
      for (Path eml : emls) {
        if (Files.readString(eml).contains(messageId)) {
          count++;
        }
      }
      return count;
    }
  }

  /**
   * The campaign's insights once {@code settled} holds for them, or the last read at the deadline.
   */
  private static ThinSlice.Totals awaitTotals(Predicate<ThinSlice.Totals> settled)
      throws InterruptedException {
    Instant giveUp = Instant.now().plus(PATIENCE);
    ThinSlice.Totals totals = insights();
    while (!settled.test(totals) && Instant.now().isBefore(giveUp)) {
      Thread.sleep(500);
      totals = insights();
    }
    return totals;
  }

  private static ThinSlice.Totals insights() {
    return ThinSlice.Totals.of(
        tenant
            .get("/api/campaigns/" + outcome.campaignId() + "/insights?group_by=hour")
            .path("totals"));
  }

  private static ThinSlice.Totals withoutDeferrals(ThinSlice.Totals t) {
    return new ThinSlice.Totals(
        t.sent(), t.delivered(), t.bounced(), 0, t.opened(), t.clicked(), t.replied());
  }

  /** The totals the insights report, counted from the raw archive instead (deferrals aside). */
  private static ThinSlice.Totals archivedTotals() throws SQLException {
    Map<String, Long> raw = new HashMap<>();
    query(
        "SELECT type, count(*) FROM events WHERE campaign_id = ? GROUP BY type",
        rs -> raw.put(rs.getString(1), rs.getLong(2)));
    long uniqueHumanOpens =
        single(
            "SELECT count(DISTINCT message_id) FROM events WHERE campaign_id = ?"
                + " AND type = 'OPENED' AND NOT coalesce(machine_open, false)");
    long uniqueClicks =
        single(
            "SELECT count(DISTINCT message_id) FROM events WHERE campaign_id = ?"
                + " AND type = 'CLICKED'");
    return new ThinSlice.Totals(
        raw.getOrDefault("SENT", 0L),
        raw.getOrDefault("DELIVERED", 0L),
        raw.getOrDefault("BOUNCED", 0L),
        0,
        uniqueHumanOpens,
        uniqueClicks,
        raw.getOrDefault("REPLIED", 0L));
  }

  private interface Row {
    void accept(ResultSet rs) throws SQLException;
  }

  private static void query(String sql, Row row) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                Settings.get(Settings.DB_URL),
                Settings.get(Settings.DB_USER),
                Settings.get(Settings.DB_PASSWORD));
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, outcome.campaignId());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          row.accept(rs);
        }
      }
    }
  }

  private static long single(String sql) throws SQLException {
    long[] value = new long[1];
    query(sql, rs -> value[0] = rs.getLong(1));
    return value[0];
  }
}
