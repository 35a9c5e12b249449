package dev.heron.api.advisor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a sender identity's SPF, DKIM and DMARC records say, from their TXT strings: the rules, with
 * no DNS in them. An empty list of records means the name has none.
 */
final class AuthenticationRules {
  static List<Finding> spf(String domain, List<String> txt) {
    List<String> spf =
        txt.stream().filter(t -> t.toLowerCase(Locale.ROOT).startsWith("v=spf1")).toList();
    List<Finding> found = new ArrayList<>();
    if (spf.isEmpty()) {
      found.add(
          new Finding(
              "spf",
              "identity",
              domain,
              Finding.CRITICAL,
              "No SPF record",
              domain
                  + " publishes no v=spf1 TXT record: receivers cannot tell which IPs may send"
                  + " as it, and Gmail and Yahoo reject or junk bulk mail without SPF."));
    } else if (spf.size() > 1) {
      found.add(
          new Finding(
              "spf",
              "identity",
              domain,
              Finding.CRITICAL,
              "Several SPF records",
              domain
                  + " publishes "
                  + spf.size()
                  + " SPF records; RFC 7208 makes that a permanent"
                  + " error, so SPF fails everywhere. Merge them into one."));
    } else {
      String record = spf.get(0).toLowerCase(Locale.ROOT);
      if (record.contains("+all") || record.matches(".*\\sall(\\s.*)?$")) {
        found.add(
            new Finding(
                "spf",
                "identity",
                domain,
                Finding.CRITICAL,
                "SPF allows any sender",
                "'" + spf.get(0) + "' ends in +all: anyone may send as " + domain + "."));
      } else if (!record.contains("-all") && !record.contains("~all")) {
        found.add(
            new Finding(
                "spf",
                "identity",
                domain,
                Finding.WARNING,
                "SPF does not end in -all or ~all",
                "'" + spf.get(0) + "' leaves other senders neutral; end it with ~all or -all."));
      }
    }
    return found;
  }

  static List<Finding> dmarc(String domain, List<String> txt) {
    Optional<String> dmarc =
        txt.stream().filter(t -> t.toLowerCase(Locale.ROOT).startsWith("v=dmarc1")).findFirst();
    if (dmarc.isEmpty()) {
      return List.of(
          new Finding(
              "dmarc",
              "identity",
              domain,
              Finding.CRITICAL,
              "No DMARC record",
              "_dmarc."
                  + domain
                  + " publishes no v=DMARC1 record; Gmail and Yahoo require one of"
                  + " bulk senders."));
    }
    String policy = tag(dmarc.get(), "p").orElse("");
    if (policy.isEmpty()) {
      return List.of(
          new Finding(
              "dmarc",
              "identity",
              domain,
              Finding.CRITICAL,
              "DMARC record without a policy",
              "'" + dmarc.get() + "' has no p= tag, so receivers ignore it."));
    }
    if (policy.equals("none")) {
      return List.of(
          new Finding(
              "dmarc",
              "identity",
              domain,
              Finding.WARNING,
              "DMARC policy is none",
              "p=none only monitors; once reports show SPF and DKIM aligned, move to"
                  + " p=quarantine, then p=reject."));
    }
    return List.of();
  }

  static List<Finding> dkim(String domain, String selector, List<String> txt) {
    if (selector == null || selector.isBlank()) {
      return List.of(
          new Finding(
              "dkim",
              "identity",
              domain,
              Finding.WARNING,
              "No DKIM key configured",
              "The identity " + domain + " has no DKIM selector: its mail goes out unsigned."));
    }
    String name = selector + "._domainkey." + domain;
    Optional<String> key = txt.stream().filter(t -> t.contains("p=")).findFirst();
    if (key.isEmpty()) {
      return List.of(
          new Finding(
              "dkim",
              "identity",
              domain,
              Finding.CRITICAL,
              "DKIM key not published",
              name + " has no DKIM key record: every signature fails."));
    }
    if (tag(key.get(), "p").orElse("").isEmpty()) {
      return List.of(
          new Finding(
              "dkim",
              "identity",
              domain,
              Finding.CRITICAL,
              "DKIM key revoked",
              name + " publishes an empty p=, which revokes the key."));
    }
    return List.of();
  }

  /** The value of a {@code tag=value;} pair, case-insensitive on the tag. */
  static Optional<String> tag(String record, String tag) {
    for (String part : record.split(";")) {
      String[] kv = part.strip().split("=", 2);
      if (kv.length == 2 && kv[0].strip().equalsIgnoreCase(tag)) {
        return Optional.of(kv[1].strip().toLowerCase(Locale.ROOT));
      }
    }
    return Optional.empty();
  }

  private AuthenticationRules() {}
}
