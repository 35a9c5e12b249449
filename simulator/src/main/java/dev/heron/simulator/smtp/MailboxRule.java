package dev.heron.simulator.smtp;

import java.util.Locale;
import java.util.Objects;

/** Recipients whose local part starts with {@code prefix} behave as {@code behaviour}. */
public record MailboxRule(String prefix, MailboxBehaviour behaviour) {
  public MailboxRule {
    prefix = Objects.requireNonNull(prefix, "mailboxes.prefix").toLowerCase(Locale.ROOT);
    Objects.requireNonNull(behaviour, "mailboxes.behaviour");
  }

  public boolean matches(String localPart) {
    return localPart.toLowerCase(Locale.ROOT).startsWith(prefix);
  }
}
