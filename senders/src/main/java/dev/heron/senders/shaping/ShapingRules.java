package dev.heron.senders.shaping;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.heron.events.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The shaping data: rate limits per provider and reply rules, read from {@value #RESOURCE} (or
 * another file of the same form). Refused with the field named when malformed.
 */
public final class ShapingRules {
  public static final String RESOURCE = "shaping-rules.json";
  static final String ANY = "*";

  public enum Action {
    THROTTLE,
    SUSPEND
  }

  /** Messages a connection carries before it is closed and another opened, unless told. */
  public static final int DEFAULT_MESSAGES_PER_CONNECTION = 100;

  /**
   * Messages per second and burst from one IP to one provider, how many connections it may hold
   * open there at once, and how many messages one connection carries before it is renewed.
   */
  public record Limit(
      String provider, double perSecond, int burst, int connections, int messagesPerConnection) {}

  /** A reply that matches {@code pattern} from {@code provider} throttles or suspends the IP. */
  public record Rule(
      String provider, Pattern pattern, Action action, double factor, Duration duration) {
    boolean appliesTo(String replyProvider, String replyText) {
      return (provider.equals(ANY) || provider.equals(replyProvider))
          && replyText != null
          && pattern.matcher(replyText).find();
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  private record File(List<LimitSpec> limits, List<RuleSpec> rules) {}

  private record LimitSpec(
      String provider,
      Double perSecond,
      Integer burst,
      Integer connections,
      Integer messagesPerConnection) {}

  private record RuleSpec(
      String provider, String pattern, String action, Double factor, String duration) {}

  private final List<Limit> limits;
  private final List<Rule> rules;

  public ShapingRules(List<Limit> limits, List<Rule> rules) {
    this.limits = List.copyOf(limits);
    this.rules = List.copyOf(rules);
  }

  public static ShapingRules standard() {
    try (InputStream in = ShapingRules.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("no " + RESOURCE + " on the classpath");
      }
      return parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rules in {@code file}, or the built-in ones when it is blank. */
  public static ShapingRules load(String file) {
    if (file == null || file.isBlank()) {
      return standard();
    }
    try {
      return parse(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shaping rules " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  public static ShapingRules parse(byte[] json) {
    File file;
    try {
      file = Json.mapper().readValue(json, File.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(RESOURCE + ": not readable: " + e.getMessage(), e);
    }
    List<LimitSpec> limitSpecs = file.limits() == null ? List.of() : file.limits();
    List<RuleSpec> ruleSpecs = file.rules() == null ? List.of() : file.rules();
    List<Limit> limits =
        limitSpecs.stream()
            .map(
                l -> {
                  String at = "limits[" + limitSpecs.indexOf(l) + "]";
                  require(l.provider() != null, at + ".provider: missing");
                  require(
                      l.perSecond() != null && l.perSecond() > 0, at + ".perSecond: must be > 0");
                  int burst = l.burst() == null ? (int) Math.ceil(l.perSecond()) : l.burst();
                  require(burst >= 1, at + ".burst: must be 1 or more");
                  int connections = l.connections() == null ? 1 : l.connections();
                  require(connections >= 1, at + ".connections: must be 1 or more");
                  int perConnection =
                      l.messagesPerConnection() == null
                          ? DEFAULT_MESSAGES_PER_CONNECTION
                          : l.messagesPerConnection();
                  require(perConnection >= 1, at + ".messagesPerConnection: must be 1 or more");
                  return new Limit(l.provider(), l.perSecond(), burst, connections, perConnection);
                })
            .toList();
    List<Rule> rules =
        ruleSpecs.stream()
            .map(
                r -> {
                  String at = "rules[" + ruleSpecs.indexOf(r) + "]";
                  require(r.provider() != null, at + ".provider: missing");
                  require(r.pattern() != null, at + ".pattern: missing");
                  Action action;
                  try {
                    action = Action.valueOf(String.valueOf(r.action()).toUpperCase(Locale.ROOT));
                  } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                        at + ".action: must be throttle or suspend, was " + r.action());
                  }
                  double factor = r.factor() == null ? 1.0 : r.factor();
                  require(
                      action == Action.SUSPEND || (factor > 0 && factor < 1),
                      at + ".factor: a throttle needs a factor between 0 and 1");
                  Duration duration;
                  try {
                    duration = Duration.parse(String.valueOf(r.duration()));
                  } catch (RuntimeException e) {
                    throw new IllegalArgumentException(
                        at + ".duration: not an ISO-8601 duration: " + r.duration());
                  }
                  try {
                    return new Rule(
                        r.provider(),
                        Pattern.compile(r.pattern(), Pattern.CASE_INSENSITIVE),
                        action,
                        factor,
                        duration);
                  } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException(at + ".pattern: " + e.getDescription());
                  }
                })
            .toList();
    return new ShapingRules(limits, rules);
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalArgumentException(RESOURCE + ": " + problem);
    }
  }

  /** The provider's limit, else the {@code *} one, else none. */
  public Optional<Limit> limitFor(String provider) {
    return limits.stream()
        .filter(l -> l.provider().equals(provider))
        .findFirst()
        .or(() -> limits.stream().filter(l -> l.provider().equals(ANY)).findFirst());
  }

  /** The first rule a reply from {@code provider} matches. */
  public Optional<Rule> ruleFor(String provider, String replyText) {
    return rules.stream().filter(r -> r.appliesTo(provider, replyText)).findFirst();
  }
}
