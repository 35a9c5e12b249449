package dev.heron.api.tracking;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Tells a machine open (a privacy proxy, a security scanner, a prefetcher) from a person's, by
 * User-Agent. The patterns are data, in {@code tracking/machine-opens.txt}, since they change as
 * providers do.
 */
final class MachineOpens {
  static final String RESOURCE = "tracking/machine-opens.txt";

  /**
   * Opens come from a few thousand distinct User-Agents, while every pattern would otherwise run on
   * every open (a tenth of the pixel's CPU under load): each answer is kept.
   */
  private static final int AGENTS_KEPT = 10_000;

  private final List<Pattern> patterns;
  private final Cache<String, Boolean> answers =
      Caffeine.newBuilder().maximumSize(AGENTS_KEPT).build();

  MachineOpens(List<Pattern> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  static MachineOpens fromResource() {
    try (InputStream in = MachineOpens.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("no " + RESOURCE + " on the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return new MachineOpens(parse(reader.lines().toList()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Pattern> parse(List<String> lines) {
    return java.util.stream.IntStream.range(0, lines.size())
        .filter(i -> !lines.get(i).isBlank() && !lines.get(i).strip().startsWith("#"))
        .mapToObj(
            i -> {
              try {
                return Pattern.compile(lines.get(i).strip());
              } catch (PatternSyntaxException e) {
                throw new IllegalStateException(
                    RESOURCE + " line " + (i + 1) + ": " + e.getDescription(), e);
              }
            })
        .toList();
  }

  boolean isMachine(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return true;
    }
    return answers.get(userAgent, this::matches);
  }

  private boolean matches(String userAgent) {
    String ua = userAgent.strip();
    return patterns.stream().anyMatch(p -> p.matcher(ua).find());
  }
}
