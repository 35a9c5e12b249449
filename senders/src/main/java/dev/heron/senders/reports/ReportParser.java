package dev.heron.senders.reports;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads late reports with Angus Mail's MIME support: RFC 3464 delivery status notifications and RFC
 * 5965 feedback reports ({@code multipart/report}), and, for the servers that still send them,
 * plain-text bounces that quote the remote reply. The message a report is about is found from the
 * VERP address it was sent to ({@code bounces+<messageId>@...}), the ARF {@code Original-Mail-From}
 * or, failing those, the {@code Message-ID} of the original message the report carries. A mail that
 * is no report but answers a Heron message ({@code In-Reply-To} or {@code References} naming its
 * Message-ID) is a reply, unless it says it was sent automatically (RFC 3834 {@code
 * Auto-Submitted}, the common {@code X-Autoreply} headers, or a bulk {@code Precedence}).
 */
public final class ReportParser {
  private static final Pattern VERP =
      Pattern.compile(
          "bounces\\+([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern MESSAGE_ID =
      Pattern.compile(
          "^Message-ID:\\s*<([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@",
          Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

  /** A Heron Message-ID ({@code <messageId@identity>}) as In-Reply-To and References name it. */
  private static final Pattern REFERENCE =
      Pattern.compile(
          "<([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@[^>]+>",
          Pattern.CASE_INSENSITIVE);

  /** {@code Precedence} values that mark a mail as sent by a machine, not a person. */
  private static final Set<String> AUTOMATIC_PRECEDENCE =
      Set.of("auto_reply", "bulk", "junk", "list");

  /** A quoted reply with an enhanced code, as plain-text bounces carry it. */
  private static final Pattern QUOTED_REPLY =
      Pattern.compile("\\b([45]\\d\\d)[ -]([45]\\.\\d{1,3}\\.\\d{1,3})\\b[^\\r\\n]*");

  private final Session session = Session.getInstance(new Properties());

  /**
   * The reports in {@code raw}, received for {@code envelopeRecipients}. A DSN whose recipients
   * were all delayed or delivered says nothing final and gives an empty list.
   *
   * @throws UnreadableReportException when it is no report Heron can read, or names no message
   */
  public List<LateReport> parse(byte[] raw, List<String> envelopeRecipients)
      throws UnreadableReportException {
    try {
      MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
      ContentType type = new ContentType(message.getContentType());
      List<String> to = headerValues(message, "To");
      Optional<UUID> verp = verpOf(envelopeRecipients).or(() -> verpOf(to));
      java.util.Date date = message.getSentDate();
      java.time.Instant reportedAt = date == null ? null : date.toInstant();
      return parseReport(message, type, verp, raw).stream()
          .map(
              r ->
                  new LateReport(
                      r.kind(),
                      r.messageId(),
                      r.recipient(),
                      r.status(),
                      r.diagnostic(),
                      r.feedbackType(),
                      r.reportingMta(),
                      reportedAt))
          .toList();
    } catch (MessagingException | IOException | RuntimeException e) {
      throw new UnreadableReportException("not a readable MIME message: " + e.getMessage());
    }
  }

  private List<LateReport> parseReport(
      MimeMessage message, ContentType type, Optional<UUID> verp, byte[] raw)
      throws MessagingException, IOException, UnreadableReportException {
    if (type.match("multipart/report")) {
      String reportType = String.valueOf(type.getParameter("report-type")).toLowerCase(Locale.ROOT);
      // Read as a plain multipart: the parts are interpreted here, not by a content handler.
      Multipart parts = new MimeMultipart(message.getDataHandler().getDataSource());
      return switch (reportType) {
        case "delivery-status" -> deliveryStatus(parts, verp);
        case "feedback-report" -> feedback(parts, verp);
        default ->
            throw new UnreadableReportException(
                "multipart/report of report-type '" + reportType + "' is not handled");
      };
    }
    if (verp.isEmpty()) {
      Optional<UUID> answered = answeredMessage(message);
      if (answered.isPresent()) {
        return List.of(reply(message, answered.get()));
      }
    }
    return plainBounce(raw, verp);
  }

  /** The Heron message this mail answers, from its In-Reply-To, else its References. */
  private static Optional<UUID> answeredMessage(MimeMessage message) throws MessagingException {
    for (String header : List.of("In-Reply-To", "References")) {
      for (String value : headerValues(message, header)) {
        Matcher m = REFERENCE.matcher(value);
        if (m.find()) {
          return Optional.of(UUID.fromString(m.group(1)));
        }
      }
    }
    return Optional.empty();
  }

  private static LateReport reply(MimeMessage message, UUID answered)
      throws MessagingException, UnreadableReportException {
    String automatic = automatic(message);
    if (automatic != null) {
      throw new UnreadableReportException(
          "an automatic answer (" + automatic + ") to message " + answered + ", not a reply");
    }
    Address[] from = message.getFrom();
    String author =
        from == null || from.length == 0
            ? null
            : from[0] instanceof InternetAddress a ? a.getAddress() : from[0].toString();
    return new LateReport(LateReport.Kind.REPLY, answered, author, null, null, null, null, null);
  }

  /** The header that says a machine sent this mail, or null when none does. */
  private static String automatic(MimeMessage message) throws MessagingException {
    String submitted = message.getHeader("Auto-Submitted", null);
    if (submitted != null && !submitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
      return "Auto-Submitted: " + submitted.strip();
    }
    for (String header : List.of("X-Autoreply", "X-Autorespond")) {
      if (message.getHeader(header) != null) {
        return header;
      }
    }
    String precedence = message.getHeader("Precedence", null);
    if (precedence != null
        && AUTOMATIC_PRECEDENCE.contains(precedence.strip().toLowerCase(Locale.ROOT))) {
      return "Precedence: " + precedence.strip();
    }
    return null;
  }

  private List<LateReport> deliveryStatus(Multipart parts, Optional<UUID> verp)
      throws MessagingException, IOException, UnreadableReportException {
    BodyPart status = partOfType(parts, "message/delivery-status");
    if (status == null) {
      throw new UnreadableReportException(
          "delivery-status report without a message/delivery-status part");
    }
    List<InternetHeaders> blocks = headerBlocks(bytesOf(status));
    if (blocks.size() < 2) {
      throw new UnreadableReportException("message/delivery-status has no per-recipient fields");
    }
    String reportingMta = field(blocks.get(0), "Reporting-MTA");
    UUID messageId = messageOf(verp, parts);
    List<LateReport> reports = new ArrayList<>();
    for (InternetHeaders recipient : blocks.subList(1, blocks.size())) {
      String action = String.valueOf(field(recipient, "Action")).toLowerCase(Locale.ROOT);
      if (!action.equals("failed")) {
        continue; // delayed, delivered, relayed, expanded: nothing final to report
      }
      String statusCode = field(recipient, "Status");
      if (statusCode == null || !statusCode.matches("[245]\\.\\d{1,3}\\.\\d{1,3}.*")) {
        throw new UnreadableReportException("failed recipient without a valid Status field");
      }
      reports.add(
          new LateReport(
              LateReport.Kind.BOUNCE,
              messageId,
              address(field(recipient, "Final-Recipient")),
              statusCode.split("\\s")[0],
              typed(field(recipient, "Diagnostic-Code")),
              null,
              typed(reportingMta),
              null));
    }
    return reports;
  }

  private List<LateReport> feedback(Multipart parts, Optional<UUID> verp)
      throws MessagingException, IOException, UnreadableReportException {
    BodyPart report = partOfType(parts, "message/feedback-report");
    if (report == null) {
      throw new UnreadableReportException("feedback report without a message/feedback-report part");
    }
    List<InternetHeaders> blocks = headerBlocks(bytesOf(report));
    InternetHeaders fields = blocks.isEmpty() ? new InternetHeaders() : blocks.get(0);
    String feedbackType = field(fields, "Feedback-Type");
    if (feedbackType == null) {
      throw new UnreadableReportException("feedback report without a Feedback-Type field");
    }
    Optional<UUID> fromMailFrom =
        verp.or(() -> verpOf(List.of(String.valueOf(field(fields, "Original-Mail-From")))));
    return List.of(
        new LateReport(
            LateReport.Kind.COMPLAINT,
            messageOf(fromMailFrom, parts),
            address(field(fields, "Original-Rcpt-To")),
            null,
            null,
            feedbackType.strip().toLowerCase(Locale.ROOT),
            typed(field(fields, "Reporting-MTA")),
            null));
  }

  private List<LateReport> plainBounce(byte[] raw, Optional<UUID> verp)
      throws UnreadableReportException {
    String text = new String(raw, StandardCharsets.UTF_8);
    Optional<UUID> messageId = verp.or(() -> messageIdIn(text));
    if (messageId.isEmpty()) {
      throw new UnreadableReportException(
          "not a multipart/report, and no VERP address or Heron Message-ID in it");
    }
    Matcher reply = QUOTED_REPLY.matcher(text);
    if (!reply.find()) {
      throw new UnreadableReportException("a plain-text message that quotes no SMTP reply");
    }
    return List.of(
        new LateReport(
            LateReport.Kind.BOUNCE,
            messageId.get(),
            null,
            reply.group(2),
            reply.group().strip(),
            null,
            null,
            null));
  }

  /** The message a report is about: its VERP address, else the carried Message-ID. */
  private UUID messageOf(Optional<UUID> verp, Multipart parts)
      throws MessagingException, IOException, UnreadableReportException {
    if (verp.isPresent()) {
      return verp.get();
    }
    for (int i = 0; i < parts.getCount(); i++) {
      BodyPart part = parts.getBodyPart(i);
      if (part.isMimeType("text/rfc822-headers") || part.isMimeType("message/rfc822")) {
        Optional<UUID> id = messageIdIn(new String(bytesOf(part), StandardCharsets.UTF_8));
        if (id.isPresent()) {
          return id.get();
        }
      }
    }
    throw new UnreadableReportException(
        "names no Heron message: no VERP address and no original Message-ID");
  }

  private static Optional<UUID> verpOf(List<String> addresses) {
    for (String address : addresses) {
      Matcher m = VERP.matcher(address);
      if (m.find()) {
        return Optional.of(UUID.fromString(m.group(1)));
      }
    }
    return Optional.empty();
  }

  private static Optional<UUID> messageIdIn(String headers) {
    Matcher m = MESSAGE_ID.matcher(headers);
    return m.find() ? Optional.of(UUID.fromString(m.group(1))) : Optional.empty();
  }

  private static List<String> headerValues(MimeMessage message, String name)
      throws MessagingException {
    String[] values = message.getHeader(name);
    return values == null ? List.of() : List.of(values);
  }

  private static BodyPart partOfType(Multipart parts, String type) throws MessagingException {
    for (int i = 0; i < parts.getCount(); i++) {
      if (parts.getBodyPart(i).isMimeType(type)) {
        return parts.getBodyPart(i);
      }
    }
    return null;
  }

  /** A part's content as it was sent (its transfer encoding undone), whatever its type. */
  private static byte[] bytesOf(Part part) throws MessagingException, IOException {
    try (InputStream in = part.getInputStream()) {
      return in.readAllBytes();
    }
  }

  /** The blank-line separated header blocks of a delivery-status or feedback-report part. */
  static List<InternetHeaders> headerBlocks(byte[] content) throws MessagingException {
    String text = new String(content, StandardCharsets.US_ASCII).replace("\r\n", "\n");
    List<InternetHeaders> blocks = new ArrayList<>();
    for (String block : text.split("\n\\s*\n")) {
      if (!block.isBlank()) {
        byte[] bytes = (block.strip() + "\n\n").getBytes(StandardCharsets.US_ASCII);
        blocks.add(new InternetHeaders(new ByteArrayInputStream(bytes)));
      }
    }
    return blocks;
  }

  private static String field(InternetHeaders headers, String name) {
    String value = headers.getHeader(name, " ");
    return value == null ? null : value.replaceAll("\\s+", " ").strip();
  }

  /** {@code rfc822; a@b} or {@code smtp; 550 ...}: the value after its type. */
  private static String typed(String value) {
    if (value == null) {
      return null;
    }
    int semicolon = value.indexOf(';');
    return (semicolon < 0 ? value : value.substring(semicolon + 1)).strip();
  }

  private static String address(String value) {
    String bare = typed(value);
    return bare == null ? null : bare.replaceAll("[<>]", "").toLowerCase(Locale.ROOT);
  }
}
