package dev.heron.simulator.reports;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMultipart;

/** {@code multipart/report} with its {@code report-type} parameter (RFC 6522). */
final class ReportMultipart extends MimeMultipart {
  ReportMultipart(String reportType) throws MessagingException {
    super("report");
    ContentType type = new ContentType(contentType);
    type.setParameter("report-type", reportType);
    contentType = type.toString();
  }
}
