package dev.heron.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Marketing and transactional traffic are planned, capped and routed apart. */
public enum MessageClass {
  MARKETING,
  TRANSACTIONAL;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static MessageClass fromWire(String value) {
    for (var candidate : values()) {
      if (candidate.name().equalsIgnoreCase(value)) {
        return candidate;
      }
    }
    throw new IllegalArgumentException("unknown messageClass '" + value + "'");
  }
}
