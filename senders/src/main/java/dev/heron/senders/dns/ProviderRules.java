package dev.heron.senders.dns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Names the mailbox provider behind an MX host from its name's suffix. The rules are data ({@code
 * mx-providers.txt}: one {@code suffix provider} pair a line); the longest matching suffix wins,
 * and a host no rule matches is {@code other}.
 */
public final class ProviderRules {
  public static final String OTHER = "other";
  public static final String RESOURCE = "mx-providers.txt";

  private record Rule(String suffix, String provider) {}

  private final List<Rule> rules;

  public ProviderRules(Map<String, String> providerBySuffix) {
    this.rules =
        providerBySuffix.entrySet().stream()
            .map(e -> new Rule(normalize(e.getKey()), e.getValue()))
            .sorted(Comparator.comparingInt((Rule r) -> r.suffix().length()).reversed())
            .toList();
  }

  /** The rules shipped in {@value #RESOURCE}. */
  public static ProviderRules standard() {
    try (InputStream in = ProviderRules.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("no " + RESOURCE + " on the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ProviderRules parse(String text) {
    try (BufferedReader lines = new BufferedReader(new java.io.StringReader(text))) {
      Map<String, String> rules =
          lines
              .lines()
              .map(String::strip)
              .filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .map(l -> l.split("\\s+"))
              .peek(
                  parts -> {
                    if (parts.length != 2) {
                      throw new IllegalArgumentException(
                          RESOURCE
                              + ": expected 'suffix provider', got "
                              + String.join(" ", parts));
                    }
                  })
              .collect(Collectors.toMap(p -> p[0], p -> p[1], (a, b) -> b));
      return new ProviderRules(rules);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String providerOf(String mxHost) {
    String host = normalize(mxHost);
    for (Rule rule : rules) {
      if (host.equals(rule.suffix()) || host.endsWith("." + rule.suffix())) {
        return rule.provider();
      }
    }
    return OTHER;
  }

  private static String normalize(String name) {
    String lower = name.strip().toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
