package dev.heron.jobs.archive;

import dev.heron.events.Event;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * Writes events as lines of PostgreSQL's COPY text format, in the column order of the {@code
 * archive-copy} statement. Text, not binary: it is what the server parses fastest after binary, and
 * a batch can be read by a person when a load fails.
 */
public final class CopyRows {
  private static final String NULL = "\\N";

  private CopyRows() {}

  /** Appends one event as one line, columns separated by tabs, ending in a newline. */
  public static void append(StringBuilder out, Event e) {
    out.append(e.occurredAt().toString()).append('\t');
    uuid(out, e.eventId()).append('\t');
    out.append(e.type().name()).append('\t');
    out.append(e.schemaVersion()).append('\t');
    text(out, e.source()).append('\t');
    uuid(out, e.tenantId()).append('\t');
    uuid(out, e.campaignId()).append('\t');
    uuid(out, e.messageId()).append('\t');
    uuid(out, e.recipientId()).append('\t');
    uuid(out, e.contactId()).append('\t');
    text(out, e.channel() == null ? null : e.channel().wireName()).append('\t');
    text(out, e.variant()).append('\t');
    text(out, e.sendingIp()).append('\t');
    text(out, e.senderIdentity()).append('\t');
    text(out, e.provider()).append('\t');
    text(out, e.bounceClass() == null ? null : e.bounceClass().wireName()).append('\t');
    out.append(e.smtpCode() == null ? NULL : e.smtpCode().toString()).append('\t');
    text(out, e.enhancedStatus()).append('\t');
    text(out, e.smtpResponse()).append('\t');
    text(out, e.reason()).append('\t');
    out.append(e.machineOpen() == null ? NULL : e.machineOpen() ? "t" : "f").append('\t');
    text(out, e.url()).append('\t');
    decimal(out, e.value()).append('\n');
  }

  private static StringBuilder uuid(StringBuilder out, UUID id) {
    return out.append(id == null ? NULL : id.toString());
  }

  private static StringBuilder decimal(StringBuilder out, BigDecimal value) {
    return out.append(value == null ? NULL : value.toPlainString());
  }

  /** Free text: the four characters COPY's text format gives a meaning are escaped. */
  static StringBuilder text(StringBuilder out, String value) {
    if (value == null) {
      return out.append(NULL);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out;
  }
}
