package dev.heron.senders.smtp;

import dev.heron.events.Channel;
import dev.heron.senders.delivery.DeliveryAttempt;
import dev.heron.senders.delivery.Messenger;
import dev.heron.senders.delivery.OutboundMessage;
import dev.heron.senders.delivery.StoreUnavailableException;
import dev.heron.senders.delivery.Verdict;
import dev.heron.senders.dkim.DkimKey;
import dev.heron.senders.dkim.DkimKeys;
import dev.heron.senders.dkim.DkimSigning;
import dev.heron.senders.dns.DnsLookupException;
import dev.heron.senders.dns.MailRoute;
import dev.heron.senders.dns.MxHost;
import dev.heron.senders.dns.MxResolver;
import dev.heron.senders.routing.IpSelector;
import dev.heron.senders.routing.NoSendingIpException;
import dev.heron.senders.routing.SendingIp;
import dev.heron.senders.shaping.TrafficShaper;
import jakarta.mail.internet.InternetAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * Email over SMTP: finds the recipient domain's exchanger and provider, picks the source IP, builds
 * the MIME message and runs the transaction on a pooled connection from that IP, then reads the
 * reply with the {@link ReplyClassifier}.
 */
public final class SmtpMessenger implements Messenger {
  private final MxResolver mx;
  private final IpSelector ips;
  private final EmailComposer composer;
  private final SmtpConnections connections;
  private final ReplyClassifier classifier;
  private final DkimKeys dkimKeys;
  private final TrafficShaper shaper;
  private final DkimSigning dkim = new DkimSigning();
  private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();

  public SmtpMessenger(
      MxResolver mx,
      IpSelector ips,
      EmailComposer composer,
      SmtpConnections connections,
      ReplyClassifier classifier,
      DkimKeys dkimKeys,
      TrafficShaper shaper) {
    this.shaper = shaper;
    this.mx = mx;
    this.ips = ips;
    this.composer = composer;
    this.connections = connections;
    this.classifier = classifier;
    this.dkimKeys = dkimKeys;
  }

  @Override
  public String name() {
    return Channel.EMAIL.wireName();
  }

  @Override
  public CompletableFuture<DeliveryAttempt> push(OutboundMessage message) {
    CompletableFuture<DeliveryAttempt> attempt;
    try {
      attempt = send(message);
    } catch (NoSendingIpException e) {
      attempt =
          CompletableFuture.completedFuture(
              DeliveryAttempt.local(Verdict.DEFERRED, e.getMessage()));
    } catch (StoreUnavailableException e) {
      // A database hiccup (reading the DKIM key) says nothing about the message: try it later.
      attempt =
          CompletableFuture.completedFuture(
              DeliveryAttempt.local(Verdict.DEFERRED, e.getMessage()));
    } catch (Exception e) {
      attempt = CompletableFuture.completedFuture(failed(e));
    }
    CompletableFuture<DeliveryAttempt> tracked = attempt.exceptionally(SmtpMessenger::failed);
    inFlight.add(tracked);
    tracked.whenComplete((a, t) -> inFlight.remove(tracked));
    return tracked;
  }

  private CompletableFuture<DeliveryAttempt> send(OutboundMessage message) {
    InternetAddress recipient = EmailComposer.recipientOf(message.request());
    String identity = EmailComposer.identityOf(message.request());
    Optional<DkimKey> key = dkimKeys.keyFor(message.request().tenantId(), identity);
    String address = recipient.getAddress();
    String domain = address.substring(address.lastIndexOf('@') + 1);
    MailRoute route;
    try {
      route = mx.resolve(domain);
    } catch (DnsLookupException e) {
      Verdict verdict = e.permanent() ? Verdict.HARD : Verdict.DEFERRED;
      return CompletableFuture.completedFuture(
          new DeliveryAttempt(verdict, null, e.getMessage(), null, null, null));
    }
    SendingIp ip = ips.select(message.request(), route.provider(), message.previousSendingIp());
    MxHost host = route.primary();
    String helo = ip.heloName() != null ? ip.heloName() : identity;
    String provider = route.provider();
    LaneKey lane = new LaneKey(ip.ip(), provider, 0, helo);
    Exchanger exchanger = new Exchanger(host.name(), host.addresses().get(0).getHostAddress());
    Instant notBefore = Instant.now().plus(shaper.reserve(ip.ip(), provider));
    Composition composition =
        () -> {
          EmailComposer.Composed composed = composer.compose(message);
          if (key.isEmpty()) {
            return composed;
          }
          SMTPMessage unsigned = composed.message();
          byte[] signed = dkim.sign(unsigned, key.get());
          return composed.with(
              new PreparedMessage(unsigned.getSession(), signed, composed.envelopeFrom()));
        };
    return connections
        .send(
            lane,
            new SmtpConnections.LaneLimits(
                shaper.connections(provider), shaper.messagesPerConnection(provider)),
            exchanger,
            composition,
            notBefore,
            () -> shaper.suspension(ip.ip(), provider))
        .thenApply(
            result -> {
              if (result.reply() != null) {
                shaper.observe(ip.ip(), provider, result.reply().text());
              }
              return attemptOf(result, ip.ip(), provider);
            });
  }

  private DeliveryAttempt attemptOf(SmtpResult result, String sendingIp, String provider) {
    if (result.reply() != null) {
      SmtpReply reply = result.reply();
      return new DeliveryAttempt(
          classifier.classify(reply),
          new DeliveryAttempt.Reply(
              reply.code() == 0 ? null : reply.code(), reply.enhancedStatus(), reply.text()),
          null,
          sendingIp,
          provider,
          result.handedAt());
    }
    // No reply: a fault here fails the message, a network problem on the way is worth a retry.
    Verdict verdict = result.local() ? Verdict.FAILED : Verdict.DEFERRED;
    return new DeliveryAttempt(
        verdict, null, result.problem(), sendingIp, provider, result.handedAt());
  }

  private static DeliveryAttempt failed(Throwable e) {
    Throwable cause =
        e instanceof java.util.concurrent.CompletionException && e.getCause() != null
            ? e.getCause()
            : e;
    String reason =
        cause instanceof IllegalArgumentException
            ? cause.getMessage()
            : "cannot send: " + SmtpErrors.describe(cause);
    return DeliveryAttempt.local(Verdict.FAILED, reason);
  }

  @Override
  public void flush() {
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
  }

  @Override
  public void close() {
    flush();
    connections.close();
  }
}
