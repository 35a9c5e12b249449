package dev.heron.api.callback;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The senders of inbound callbacks, as named in URLs and in {@code callback_secrets}. */
enum Provider {
  WHATSAPP,
  TWILIO,
  BOUNCES;

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<Provider> fromWire(String value) {
    return Arrays.stream(values()).filter(p -> p.wireName().equalsIgnoreCase(value)).findFirst();
  }
}
