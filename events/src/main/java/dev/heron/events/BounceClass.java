package dev.heron.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why a message bounced: {@code HARD} is a bad address (suppress it), {@code SOFT} a temporary
 * failure that ran out of retries, {@code BLOCK} a policy or reputation refusal (not a list
 * removal).
 */
public enum BounceClass {
  HARD,
  SOFT,
  BLOCK;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static BounceClass fromWire(String value) {
    for (var candidate : values()) {
      if (candidate.name().equalsIgnoreCase(value)) {
        return candidate;
      }
    }
    throw new IllegalArgumentException("unknown bounceClass '" + value + "'");
  }
}
