package dev.heron.api.contact;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** What counts as an email address Heron will store and send to. */
public final class Emails {
  // A dot-atom local part and a domain of LDH labels with an alphabetic TLD: stricter than
  // RFC 5322 on purpose, since quoted local parts and IP literals are not deliverable in practice.
  private static final Pattern ADDRESS =
      Pattern.compile(
          "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
              + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
  private static final int MAX_LENGTH = 254;

  /** The address lower-cased and trimmed, when it is one. */
  public static Optional<String> normalize(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String email = raw.strip().toLowerCase(Locale.ROOT);
    if (email.length() > MAX_LENGTH || !ADDRESS.matcher(email).matches()) {
      return Optional.empty();
    }
    return Optional.of(email);
  }

  private Emails() {}
}
