package dev.heron.jobs.archive;

import de.bytefish.pgbulkinsert.pgsql.PgBinaryWriter;
import de.bytefish.pgbulkinsert.pgsql.handlers.BigDecimalValueHandler;
import de.bytefish.pgbulkinsert.pgsql.handlers.BooleanValueHandler;
import de.bytefish.pgbulkinsert.pgsql.handlers.IntegerValueHandler;
import de.bytefish.pgbulkinsert.pgsql.handlers.StringValueHandler;
import de.bytefish.pgbulkinsert.pgsql.handlers.UUIDValueHandler;
import dev.heron.events.Event;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One archive batch in PostgreSQL's binary COPY format, in the column order of the {@code
 * archive-copy} statements. Binary, not text: the server takes a uuid or a timestamp as the bytes
 * it stores instead of parsing its text (docs/benchmarks.md: the archive's load). The bytes are
 * kept until {@link #clear()}, so that a batch can be loaded again after a failure.
 */
final class CopyBatch {
  private static final int COLUMNS = 23;
  private static final long POSTGRES_EPOCH_SECOND = 946_684_800L; // 2000-01-01T00:00:00Z
  private static final UUIDValueHandler UUIDS = new UUIDValueHandler();
  private static final StringValueHandler TEXT = new StringValueHandler();
  private static final IntegerValueHandler<Integer> INTEGERS = new IntegerValueHandler<>();
  private static final BooleanValueHandler BOOLEANS = new BooleanValueHandler();
  private static final BigDecimalValueHandler<BigDecimal> DECIMAL = new BigDecimalValueHandler<>();

  private final Bytes bytes = new Bytes(1 << 20);
  private PgBinaryWriter writer;
  private int rows;

  /** Appends one event as one row. */
  void add(Event e) {
    if (writer == null) {
      writer = new PgBinaryWriter(bytes); // writes the format's header
    }
    writer.startRow(COLUMNS);
    writer.writeLong(microsSincePostgresEpoch(e.occurredAt())); // timestamptz: 8 bytes
    writer.write(UUIDS, e.eventId());
    writer.write(TEXT, e.type().name());
    writer.writeInt(e.schemaVersion());
    writer.write(TEXT, e.source());
    writer.write(UUIDS, e.tenantId());
    writer.write(UUIDS, e.campaignId());
    writer.write(UUIDS, e.messageId());
    writer.write(UUIDS, e.recipientId());
    writer.write(UUIDS, e.contactId());
    writer.write(TEXT, e.channel() == null ? null : e.channel().wireName());
    writer.write(TEXT, e.variant());
    writer.write(TEXT, e.sendingIp());
    writer.write(TEXT, e.senderIdentity());
    writer.write(TEXT, e.provider());
    writer.write(TEXT, e.bounceClass() == null ? null : e.bounceClass().wireName());
    writer.write(INTEGERS, e.smtpCode());
    writer.write(TEXT, e.enhancedStatus());
    writer.write(TEXT, e.smtpResponse());
    writer.write(TEXT, e.reason());
    writer.write(BOOLEANS, e.machineOpen());
    writer.write(TEXT, e.url());
    writer.write(DECIMAL, e.value());
    rows++;
  }

  int rows() {
    return rows;
  }

  /** The whole batch, ended by the format's trailer; readable again until {@link #clear()}. */
  InputStream content() {
    if (writer != null) {
      writer.close(); // writes the trailer
      writer = null;
    }
    return bytes.reader();
  }

  void clear() {
    writer = null;
    bytes.reset();
    rows = 0;
  }

  /**
   * A {@code timestamptz} as the server stores it: microseconds since 2000-01-01 UTC, rounded to
   * the nearest as the server rounds a time given in text.
   */
  static long microsSincePostgresEpoch(Instant t) {
    return (t.getEpochSecond() - POSTGRES_EPOCH_SECOND) * 1_000_000L + (t.getNano() + 500) / 1_000;
  }

  /** A byte buffer whose content can be read without a copy. */
  private static final class Bytes extends ByteArrayOutputStream {
    Bytes(int size) {
      super(size);
    }

    InputStream reader() {
      return new ByteArrayInputStream(buf, 0, count);
    }
  }
}
