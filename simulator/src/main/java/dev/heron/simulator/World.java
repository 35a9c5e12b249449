package dev.heron.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.heron.events.Json;
import dev.heron.simulator.recipients.HabitProfile;
import dev.heron.simulator.smtp.IpReputation;
import dev.heron.simulator.smtp.MailboxRule;
import dev.heron.simulator.smtp.Provider;
import dev.heron.simulator.smtp.RateLimit;
import dev.heron.simulator.smtp.Replies;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything about the simulated world that is data, not code: its providers, how mailboxes and
 * source IPs are treated (reputation, rate limits), the words of every reply, how long things take
 * and how recipients behave. The built-in world is the resource {@value #RESOURCE}.
 */
public record World(
    List<Provider> providers,
    List<MailboxRule> mailboxes,
    List<IpReputation> reputations,
    List<RateLimit> rateLimits,
    Replies replies,
    Timings timings,
    HabitProfile habits,
    Boolean startTls) {
  public static final String RESOURCE = "/simulator/world.json";

  public World {
    providers = List.copyOf(Objects.requireNonNull(providers, "providers"));
    mailboxes = List.copyOf(Objects.requireNonNull(mailboxes, "mailboxes"));
    reputations = List.copyOf(Objects.requireNonNullElse(reputations, List.of()));
    rateLimits = List.copyOf(Objects.requireNonNullElse(rateLimits, List.of()));
    Objects.requireNonNull(replies, "replies");
    Objects.requireNonNull(timings, "timings");
    Objects.requireNonNull(habits, "habits");
    startTls = startTls == null || startTls;
    for (IpReputation reputation : reputations) {
      requireProvider(providers, "reputations.provider", reputation.provider());
    }
    for (RateLimit limit : rateLimits) {
      requireProvider(providers, "rateLimits.provider", limit.provider());
    }
  }

  private static void requireProvider(List<Provider> providers, String field, String name) {
    if (providers.stream().noneMatch(p -> p.name().equals(name))) {
      throw new IllegalArgumentException(field + " '" + name + "' is not a provider");
    }
  }

  /** The world shipped with the simulator. */
  public static World builtIn() {
    try (InputStream in = World.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Reads a world file; a bad one fails with the field at fault. */
  public static World parse(byte[] json) {
    try {
      return Json.mapper().readValue(json, World.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid world file: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The provider hosting {@code domain}, if the world has one. */
  public Optional<Provider> providerOf(String domain) {
    String lower = domain.toLowerCase(Locale.ROOT);
    return providers.stream().filter(p -> p.domains().contains(lower)).findFirst();
  }

  public World withTimings(Timings timings) {
    return new World(
        providers, mailboxes, reputations, rateLimits, replies, timings, habits, startTls);
  }

  public World withHabits(HabitProfile habits) {
    return new World(
        providers, mailboxes, reputations, rateLimits, replies, timings, habits, startTls);
  }

  /** The same world with per-IP rate limits at some providers (the built-in world has none). */
  public World withRateLimits(List<RateLimit> rateLimits) {
    return new World(
        providers, mailboxes, reputations, rateLimits, replies, timings, habits, startTls);
  }
}
