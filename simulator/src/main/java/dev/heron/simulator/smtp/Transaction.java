package dev.heron.simulator.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

/**
 * One SMTP mail transaction: each RCPT TO gets its own verdict (so the client sees the exact code
 * per recipient), and DATA stores one copy per accepted recipient.
 */
final class Transaction implements MessageHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Transaction.class);

  private final Verdicts verdicts;
  private final Mailbox mailbox;
  private final DeliveryListener listener;
  private final Clock clock;
  private final String sourceIp;
  private final List<Accepted> accepted = new ArrayList<>();
  private String envelopeFrom = "";

  private record Accepted(String recipient, Verdict verdict) {}

  Transaction(
      MessageContext context,
      Verdicts verdicts,
      Mailbox mailbox,
      DeliveryListener listener,
      Clock clock) {
    this.verdicts = verdicts;
    this.mailbox = mailbox;
    this.listener = listener;
    this.clock = clock;
    this.sourceIp = sourceIpOf(context);
  }

  @Override
  public void from(String from) {
    envelopeFrom = from == null ? "" : from;
  }

  @Override
  public void recipient(String recipient) throws RejectException {
    String address = recipient.toLowerCase(Locale.ROOT);
    Verdict verdict = verdicts.atRecipient(sourceIp, envelopeFrom, address);
    pause(verdict.delay());
    if (verdict.accepted()) {
      accepted.add(new Accepted(address, verdict));
      return;
    }
    Reply reply = verdict.reply();
    LOG.info("smtp: {} from {} -> {}", address, sourceIp, reply.text());
    listener.rejected(
        new DeliveryOutcome(
            clock.instant(),
            address,
            verdict.provider(),
            false,
            reply.text(),
            sourceIp,
            envelopeFrom,
            null,
            verdict.behaviour(),
            null));
    throw new RejectException(reply.code(), reply.afterCode());
  }

  @Override
  public String data(InputStream data) throws IOException {
    byte[] raw = data.readAllBytes();
    String messageId = messageIdOf(raw);
    String queueId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    Reply reply = null;
    for (Accepted recipient : accepted) {
      Path file = mailbox.store(recipient.recipient(), messageId, raw);
      Reply accepting = verdicts.accepted(recipient.recipient(), sourceIp, messageId, queueId);
      reply = reply == null ? accepting : reply;
      DeliveryOutcome outcome =
          new DeliveryOutcome(
              clock.instant(),
              recipient.recipient(),
              recipient.verdict().provider(),
              true,
              accepting.text(),
              sourceIp,
              envelopeFrom,
              messageId,
              recipient.verdict().behaviour(),
              file.toString());
      LOG.info(
          "smtp: {} from {} -> accepted {} as {}",
          recipient.recipient(),
          sourceIp,
          messageId,
          file.getFileName());
      listener.accepted(
          outcome,
          new AcceptedMessage(
              outcome.at(),
              recipient.recipient(),
              recipient.verdict().provider(),
              recipient.verdict().behaviour(),
              sourceIp,
              envelopeFrom,
              messageId,
              file,
              raw));
    }
    accepted.clear();
    // subethasmtp prefixes the code itself.
    return reply == null ? null : reply.afterCode();
  }

  @Override
  public void done() {}

  /** The Message-ID header without its angle brackets, or null when there is none. */
  static String messageIdOf(byte[] raw) {
    String value = RawHeaders.value(raw, "Message-ID").orElse("");
    if (value.startsWith("<") && value.endsWith(">")) {
      value = value.substring(1, value.length() - 1).trim();
    }
    return value.isEmpty() ? null : value;
  }

  private static String sourceIpOf(MessageContext context) {
    if (context.getRemoteAddress() instanceof InetSocketAddress socket) {
      return socket.getAddress().getHostAddress();
    }
    return String.valueOf(context.getRemoteAddress());
  }

  private static void pause(Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
