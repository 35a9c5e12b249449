package dev.heron.simulator;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Properties;

/** Sends test messages to the simulator with Angus Mail, as the senders do. */
public final class SmtpClient {
  private final int port;
  private final String sourceIp;
  private final String envelopeFrom;

  public SmtpClient(int port, String sourceIp, String envelopeFrom) {
    this.port = port;
    this.sourceIp = sourceIp;
    this.envelopeFrom = envelopeFrom;
  }

  public Session session() {
    Properties properties = new Properties();
    properties.setProperty("mail.smtp.host", "127.0.0.1");
    properties.setProperty("mail.smtp.port", Integer.toString(port));
    properties.setProperty("mail.smtp.localaddress", sourceIp);
    properties.setProperty("mail.smtp.from", envelopeFrom);
    properties.setProperty("mail.smtp.sendpartial", "true");
    properties.setProperty("mail.smtp.connectiontimeout", "5000");
    properties.setProperty("mail.smtp.timeout", "10000");
    return Session.getInstance(properties);
  }

  /** A message with a plain and an HTML part and the given Message-ID. */
  public MimeMessage message(String messageId, String html, String... to)
      throws MessagingException {
    MimeMessage message = new MimeMessage(session());
    message.setFrom(new InternetAddress("Heron News <hello@news.heron.test>"));
    for (String recipient : to) {
      message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
    }
    message.setSubject("Spring sale");
    MimeBodyPart plain = new MimeBodyPart();
    plain.setText("Our spring sale starts today.", "utf-8");
    MimeBodyPart rich = new MimeBodyPart();
    rich.setContent(html, "text/html; charset=utf-8");
    rich.setHeader("Content-Transfer-Encoding", "quoted-printable");
    MimeMultipart alternative = new MimeMultipart("alternative", plain, rich);
    message.setContent(alternative);
    message.saveChanges();
    message.setHeader("Message-ID", "<" + messageId + ">");
    return message;
  }

  /** Sends over one connection; failures surface as Angus Mail reports them. */
  public void send(MimeMessage message, String... to) throws MessagingException {
    Address[] addresses = new Address[to.length];
    for (int i = 0; i < to.length; i++) {
      addresses[i] = new InternetAddress(to[i]);
    }
    try (Transport transport = message.getSession().getTransport("smtp")) {
      transport.connect();
      transport.sendMessage(message, addresses);
    }
  }

  public void send(String messageId, String... to) throws MessagingException {
    send(message(messageId, "<p>Hello</p>", to), to);
  }
}
