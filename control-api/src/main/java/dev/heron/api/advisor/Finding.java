package dev.heron.api.advisor;

/**
 * One thing the advisor found about a campaign.
 *
 * @param code the check that raised it (spf, dkim, dmarc, bounce-rate, ...)
 * @param scope what it is about: identity, ip, campaign or list
 * @param subject which one: the domain, the IP, the campaign or list id
 * @param severity info, warning or critical
 */
record Finding(
    String code, String scope, String subject, String severity, String title, String detail) {
  static final String INFO = "info";
  static final String WARNING = "warning";
  static final String CRITICAL = "critical";

  /** The key a re-run recognises a finding by. */
  String key() {
    return code + "|" + subject;
  }
}
