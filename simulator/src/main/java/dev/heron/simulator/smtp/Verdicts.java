package dev.heron.simulator.smtp;

import dev.heron.simulator.Hashes;
import dev.heron.simulator.World;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides each recipient's fate at RCPT TO, as the world's data says: the domain picks the
 * provider, the provider may dislike the source IP or find it sending too fast, and the local part
 * picks the mailbox's behaviour.
 */
public final class Verdicts {
  public static final String UNKNOWN_PROVIDER = "unknown";

  private final World world;
  private final Greylist greylist;
  private final RateLimiter rateLimiter;
  private final long seed;
  // Swapped whole while the simulator runs, as a provider changes its mind about an IP.
  private volatile List<IpReputation> reputations;

  public Verdicts(World world, long seed, Clock clock) {
    this.world = world;
    this.reputations = world.reputations();
    this.seed = seed;
    this.greylist = new Greylist(world.timings().greylistRetryAfter(), clock);
    this.rateLimiter = new RateLimiter(world.rateLimits(), clock);
  }

  /** From now on, the providers judge source IPs by {@code rules} instead of the world's. */
  public void useReputations(List<IpReputation> rules) {
    this.reputations = List.copyOf(rules);
  }

  public Verdict atRecipient(String sourceIp, String envelopeFrom, String recipient) {
    Address address = Address.parse(recipient);
    Optional<Provider> found = world.providerOf(address.domain());
    if (found.isEmpty()) {
      Reply denied =
          world
              .replies()
              .render(ReplyKind.RELAY_DENIED, UNKNOWN_PROVIDER, variables(address, sourceIp, ""));
      return new Verdict(UNKNOWN_PROVIDER, MailboxBehaviour.BLOCK, denied, Duration.ZERO);
    }
    Provider provider = found.get();
    Map<String, String> variables = variables(address, sourceIp, provider.mxHost());
    Optional<Reply> reputation = reputationReply(provider, sourceIp, address, variables);
    if (reputation.isPresent()) {
      MailboxBehaviour behaviour =
          reputation.get().code() < 500 ? MailboxBehaviour.DEFER : MailboxBehaviour.BLOCK;
      return new Verdict(provider.name(), behaviour, reputation.get(), Duration.ZERO);
    }
    Optional<RateLimit> exceeded = rateLimiter.exceeded(sourceIp, provider.name());
    if (exceeded.isPresent()) {
      Reply slowDown = Reply.parse(Replies.fill(exceeded.get().reply(), variables));
      return new Verdict(provider.name(), MailboxBehaviour.DEFER, slowDown, Duration.ZERO);
    }
    MailboxBehaviour behaviour = behaviourOf(address.local());
    return switch (behaviour) {
      case REJECT -> rejected(provider, behaviour, ReplyKind.NO_SUCH_USER, variables);
      case MAILBOX_FULL -> rejected(provider, behaviour, ReplyKind.MAILBOX_FULL, variables);
      case DISABLED -> rejected(provider, behaviour, ReplyKind.ACCOUNT_DISABLED, variables);
      case BLOCK -> rejected(provider, behaviour, ReplyKind.BLOCKED, variables);
      case DEFER -> rejected(provider, behaviour, ReplyKind.DEFERRED, variables);
      case GREYLIST ->
          greylist.passes(sourceIp, envelopeFrom, address.text())
              ? accepted(provider, behaviour, Duration.ZERO)
              : rejected(provider, behaviour, ReplyKind.GREYLISTED, variables);
      case SLOW -> accepted(provider, behaviour, world.timings().slowReply());
      case ACCEPT, LATE_BOUNCE, COMPLAIN, REPLY -> accepted(provider, behaviour, Duration.ZERO);
    };
  }

  /** The reply to the end of DATA for a message accepted for {@code recipient}. */
  public Reply accepted(String recipient, String sourceIp, String messageId, String queueId) {
    Address address = Address.parse(recipient);
    Optional<Provider> provider = world.providerOf(address.domain());
    Map<String, String> variables =
        new HashMap<>(variables(address, sourceIp, provider.map(Provider::mxHost).orElse("")));
    variables.put("messageId", messageId);
    variables.put("queueId", queueId);
    return world
        .replies()
        .render(
            ReplyKind.ACCEPTED, provider.map(Provider::name).orElse(UNKNOWN_PROVIDER), variables);
  }

  public MailboxBehaviour behaviourOf(String localPart) {
    return world.mailboxes().stream()
        .filter(rule -> rule.matches(localPart))
        .map(MailboxRule::behaviour)
        .findFirst()
        .orElse(MailboxBehaviour.ACCEPT);
  }

  private Optional<Reply> reputationReply(
      Provider provider, String sourceIp, Address address, Map<String, String> variables) {
    return reputations.stream()
        .filter(r -> r.provider().equals(provider.name()) && r.ip().equals(sourceIp))
        .filter(r -> Hashes.unit(seed, "reputation", sourceIp, address.text()) < r.share())
        .findFirst()
        .map(r -> Reply.parse(Replies.fill(r.reply(), variables)));
  }

  private Verdict rejected(
      Provider provider,
      MailboxBehaviour behaviour,
      ReplyKind kind,
      Map<String, String> variables) {
    Reply reply = world.replies().render(kind, provider.name(), variables);
    return new Verdict(provider.name(), behaviour, reply, Duration.ZERO);
  }

  private static Verdict accepted(Provider provider, MailboxBehaviour behaviour, Duration delay) {
    return new Verdict(provider.name(), behaviour, null, delay);
  }

  private static Map<String, String> variables(Address address, String sourceIp, String mxHost) {
    return Map.of(
        "recipient", address.text(),
        "local", address.local(),
        "domain", address.domain(),
        "ip", sourceIp,
        "mx", mxHost);
  }

  /** A recipient address split at its last {@code @}, lower-cased. */
  public record Address(String text, String local, String domain) {
    public static Address parse(String recipient) {
      String text = recipient.trim().toLowerCase(Locale.ROOT);
      int at = text.lastIndexOf('@');
      if (at < 0) {
        return new Address(text, text, "");
      }
      return new Address(text, text.substring(0, at), text.substring(at + 1));
    }
  }
}
