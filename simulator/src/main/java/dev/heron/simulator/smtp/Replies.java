package dev.heron.simulator.smtp;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The reply templates of each kind, per provider with a {@code default}. A template's {@code
 * {name}} placeholders are filled from the variables given when rendering.
 */
public record Replies(@JsonValue Map<ReplyKind, Map<String, String>> byKind) {
  public static final String DEFAULT = "default";

  public Replies {
    Objects.requireNonNull(byKind, "replies");
    byKind = new EnumMap<>(byKind);
    for (ReplyKind kind : ReplyKind.values()) {
      Map<String, String> templates = byKind.get(kind);
      if (templates == null || !templates.containsKey(DEFAULT)) {
        throw new IllegalArgumentException("replies." + kind + ".default is missing");
      }
      templates.values().forEach(Reply::parse);
    }
  }

  /** Reads the {@code replies} object of the world file: kind → provider → template. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Replies of(Map<ReplyKind, Map<String, String>> byKind) {
    return new Replies(byKind);
  }

  public Reply render(ReplyKind kind, String provider, Map<String, String> variables) {
    Map<String, String> templates = byKind.get(kind);
    String template = templates.getOrDefault(provider, templates.get(DEFAULT));
    return Reply.parse(fill(template, variables));
  }

  /** Replaces each {@code {name}} by its value; unknown names stay as they are. */
  public static String fill(String template, Map<String, String> variables) {
    String text = template;
    for (Map.Entry<String, String> variable : variables.entrySet()) {
      text = text.replace("{" + variable.getKey() + "}", variable.getValue());
    }
    return text;
  }
}
