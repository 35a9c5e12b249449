package dev.heron.jobs.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.BounceClass;
import dev.heron.events.Channel;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.jobs.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/** A batch read back by the real server, column by column. */
class CopyBatchTest {
  private final Instant at = Instant.parse("2026-03-04T10:15:30.123456Z");

  @Test
  void everyColumnReadsBackAsWrittenAndAbsentFieldsAsNull() throws Exception {
    Event full =
        Event.builder(EventType.BOUNCED)
            .occurredAt(at)
            .source("senders")
            .tenantId(UUID.randomUUID())
            .campaignId(UUID.randomUUID())
            .messageId(UUID.randomUUID())
            .recipientId(UUID.randomUUID())
            .contactId(UUID.randomUUID())
            .channel(Channel.EMAIL)
            .variant("B")
            .sendingIp("127.0.0.2")
            .senderIdentity("news@example.test")
            .provider("gmail")
            .bounceClass(BounceClass.HARD)
            .smtpReply(550, "5.1.1", "550-5.1.1 no such user\r\n550 5.1.1 \\ see\tdocs, Grüße ✉")
            .reason("address unknown")
            .machineOpen(true)
            .url("https://example.test/a?b=c&d=e")
            .value(new BigDecimal("1234.50"))
            .build();
    Event sparse = Event.builder(EventType.SENT).occurredAt(at).tenantId(UUID.randomUUID()).build();
    CopyBatch batch = new CopyBatch();
    batch.add(full);
    batch.add(sparse);

    try (Connection c = TestDatabase.connect()) {
      c.setAutoCommit(false);
      ArchiveStatements sql = ArchiveStatements.load();
      try (Statement st = c.createStatement()) {
        st.execute(sql.createStaging());
      }
      long copied =
          c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql.copyToStaging(), batch.content());
      assertThat(copied).isEqualTo(2);

      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT * FROM events_staging WHERE event_id = '" + full.eventId() + "'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getObject("occurred_at", OffsetDateTime.class).toInstant()).isEqualTo(at);
        assertThat(rs.getString("type")).isEqualTo("BOUNCED");
        assertThat(rs.getInt("schema_version")).isEqualTo(full.schemaVersion());
        assertThat(rs.getString("source")).isEqualTo("senders");
        assertThat(rs.getObject("tenant_id")).isEqualTo(full.tenantId());
        assertThat(rs.getObject("campaign_id")).isEqualTo(full.campaignId());
        assertThat(rs.getObject("message_id")).isEqualTo(full.messageId());
        assertThat(rs.getObject("recipient_id")).isEqualTo(full.recipientId());
        assertThat(rs.getObject("contact_id")).isEqualTo(full.contactId());
        assertThat(rs.getString("channel")).isEqualTo("email");
        assertThat(rs.getString("variant")).isEqualTo("B");
        assertThat(rs.getString("sending_ip")).isEqualTo("127.0.0.2");
        assertThat(rs.getString("sender_identity")).isEqualTo("news@example.test");
        assertThat(rs.getString("provider")).isEqualTo("gmail");
        assertThat(rs.getString("bounce_class")).isEqualTo("hard");
        assertThat(rs.getInt("smtp_code")).isEqualTo(550);
        assertThat(rs.getString("enhanced_status")).isEqualTo("5.1.1");
        assertThat(rs.getString("smtp_response")).isEqualTo(full.smtpResponse());
        assertThat(rs.getString("reason")).isEqualTo("address unknown");
        assertThat(rs.getBoolean("machine_open")).isTrue();
        assertThat(rs.getString("url")).isEqualTo("https://example.test/a?b=c&d=e");
        assertThat(rs.getBigDecimal("value")).isEqualByComparingTo("1234.50");
        assertThat(rs.getObject("ingested_at")).isNotNull();
      }
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT num_nulls(source, campaign_id, message_id, recipient_id, contact_id,"
                      + " channel, variant, sending_ip, sender_identity, provider, bounce_class,"
                      + " smtp_code, enhanced_status, smtp_response, reason, machine_open, url,"
                      + " value), type FROM events_staging WHERE event_id = '"
                      + sparse.eventId()
                      + "'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(18);
        assertThat(rs.getString(2)).isEqualTo("SENT");
      }
      c.rollback();
    }
  }

  @Test
  void aBatchReadsTheSameBytesAgainUntilCleared() throws Exception {
    CopyBatch batch = new CopyBatch();
    batch.add(Event.builder(EventType.SENT).occurredAt(at).tenantId(UUID.randomUUID()).build());

    byte[] first = batch.content().readAllBytes();
    byte[] again = batch.content().readAllBytes();
    batch.clear();

    assertThat(again).isEqualTo(first);
    assertThat(batch.rows()).isZero();
    assertThat(first).startsWith("PGCOPY\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void timesAreMicrosecondsSince2000RoundedToTheNearest() {
    assertThat(CopyBatch.microsSincePostgresEpoch(Instant.parse("2000-01-01T00:00:00Z"))).isZero();
    assertThat(CopyBatch.microsSincePostgresEpoch(Instant.parse("1999-12-31T23:59:59Z")))
        .isEqualTo(-1_000_000L);
    assertThat(CopyBatch.microsSincePostgresEpoch(Instant.parse("2000-01-01T00:00:01.0000014Z")))
        .isEqualTo(1_000_001L);
    assertThat(CopyBatch.microsSincePostgresEpoch(Instant.parse("2000-01-01T00:00:01.9999996Z")))
        .isEqualTo(2_000_000L);
  }
}
