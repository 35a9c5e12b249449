package dev.heron.senders.smtp;

import dev.heron.senders.delivery.Verdict;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads an SMTP reply as a delivery outcome. The RFC 3463 enhanced status code decides when it is
 * specific; when it is absent or generic ({@code 5.0.0}, {@code 5.5.x}, {@code 5.x.0}) the text
 * decides, using the phrases providers put in their replies; a 5xx nothing explains is a soft
 * bounce, so that an unclear reply never removes an address from a list.
 *
 * <p>Address codes (5.1.x, 5.2.1, 5.4.4) are hard bounces. Policy and reputation refusals (5.7.x,
 * and sender-address codes 5.1.7/5.1.8, which are about us, not the recipient) are blocks: they say
 * something about the sending IP or domain, not about the address. Every 4xx is a deferral.
 */
public final class ReplyClassifier {
  private record TextRule(Pattern pattern, Verdict verdict) {}

  private static final List<TextRule> TEXT_RULES =
      List.of(
          rule(
              Verdict.HARD,
              "user unknown|unknown user|unknown recipient|no such (user|mailbox|recipient|address)"
                  + "|(mailbox|address|account|recipient|user)( name)? (does not|doesn't) exist"
                  + "|mailbox (is )?unavailable|mailbox not found|invalid (mailbox|recipient)"
                  + "|recipient not found|unrouteable address|account (has been )?disabled"
                  + "|account is disabled|not our customer|(does not|doesn.t) have an? [\\w.-]+ account"),
          rule(
              Verdict.SOFT,
              "mailbox (is )?full|over quota|quota exceeded|insufficient (system )?storage"
                  + "|message (size|length) exceeds"),
          rule(
              Verdict.BLOCK,
              "spam|blocked|block ?list|black ?list|deny ?list|reputation|policy|spamhaus"
                  + "|\\brbl\\b|dnsbl|not authori[sz]ed|listed|dmarc|spf|dkim|bulk mail"));

  private static TextRule rule(Verdict verdict, String regex) {
    return new TextRule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), verdict);
  }

  public Verdict classify(SmtpReply reply) {
    return switch (reply.codeClass()) {
      case 2 -> Verdict.DELIVERED;
      case 4 -> Verdict.DEFERRED;
      case 5 -> permanent(reply);
      default -> Verdict.FAILED;
    };
  }

  private Verdict permanent(SmtpReply reply) {
    return byEnhancedStatus(reply.enhancedStatus())
        .or(() -> byText(reply.text()))
        .orElse(Verdict.SOFT);
  }

  /** The verdict a specific enhanced code gives; empty when the code is missing or generic. */
  static Optional<Verdict> byEnhancedStatus(String enhanced) {
    if (enhanced == null) {
      return Optional.empty();
    }
    String[] parts = enhanced.split("\\.");
    int subject = Integer.parseInt(parts[1]);
    int detail = Integer.parseInt(parts[2]);
    return switch (subject) {
      case 1 ->
          switch (detail) {
            case 0 -> Optional.empty();
            case 7, 8 -> Optional.of(Verdict.BLOCK);
            default -> Optional.of(Verdict.HARD);
          };
      case 2 ->
          switch (detail) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(Verdict.HARD);
            default -> Optional.of(Verdict.SOFT);
          };
      case 3, 6 -> detail == 0 ? Optional.empty() : Optional.of(Verdict.SOFT);
      case 4 ->
          switch (detail) {
            case 0 -> Optional.empty();
            case 4 -> Optional.of(Verdict.HARD);
            default -> Optional.of(Verdict.SOFT);
          };
      case 7 -> Optional.of(Verdict.BLOCK);
      default -> Optional.empty();
    };
  }

  static Optional<Verdict> byText(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return TEXT_RULES.stream()
        .filter(r -> r.pattern().matcher(text).find())
        .map(TextRule::verdict)
        .findFirst();
  }
}
