package dev.heron.api.contact;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks of the contact fields other than the email, shared by the API and the importer. */
final class ContactFields {
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().-]{3,30}");

  /** Why {@code value} is not a phone number, or empty when it is one. */
  static Optional<String> phoneProblem(String value) {
    return PHONE.matcher(value).matches()
        ? Optional.empty()
        : Optional.of("'" + value + "' is not a phone number");
  }

  /** Why {@code value} is not a time zone, or empty when it is one. */
  static Optional<String> timeZoneProblem(String value) {
    try {
      ZoneId.of(value);
      return Optional.empty();
    } catch (DateTimeException e) {
      return Optional.of("'" + value + "' is not a time zone such as Europe/Paris");
    }
  }

  private ContactFields() {}
}
