package dev.heron.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The ways Heron reaches a contact. Written in lower case on the wire and in the database. */
public enum Channel {
  EMAIL,
  WHATSAPP,
  SMS,
  FACEBOOK,
  INSTAGRAM;

  // Made once: the stream jobs ask for it with every event they bucket.
  private final String wireName = name().toLowerCase(Locale.ROOT);

  @JsonValue
  public String wireName() {
    return wireName;
  }

  @JsonCreator
  public static Channel fromWire(String value) {
    for (var candidate : values()) {
      if (candidate.name().equalsIgnoreCase(value)) {
        return candidate;
      }
    }
    throw new IllegalArgumentException("unknown channel '" + value + "'");
  }
}
