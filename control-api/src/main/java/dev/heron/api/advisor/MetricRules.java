package dev.heron.api.advisor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The advisor's checks on what a campaign did and sends from: plain rules, no database. */
final class MetricRules {
  /** Rates are judged only past this volume, so that one bounce of ten messages is no alarm. */
  static final long MIN_VOLUME = 100;

  static final double MAX_BOUNCE_RATE = 0.05;
  static final double MIN_OPEN_RATE = 0.15;
  static final double MAX_COMPLAINT_RATE = 0.001;
  static final Duration LIST_IDLE = Duration.ofDays(182);

  record Totals(long sent, long delivered, long bounced, long uniqueOpens, long complaints) {}

  record WarmingIp(String ip, int scheduleDay, long dailyCap) {}

  record AudienceList(UUID id, String name, Instant lastSent) {}

  static List<Finding> rates(String campaign, Totals t) {
    List<Finding> found = new ArrayList<>();
    if (t.sent() >= MIN_VOLUME) {
      double bounce = (double) t.bounced() / t.sent();
      if (bounce > MAX_BOUNCE_RATE) {
        found.add(
            new Finding(
                "bounce-rate",
                "campaign",
                campaign,
                Finding.CRITICAL,
                "Bounce rate above 5 %",
                percent(bounce)
                    + " of "
                    + t.sent()
                    + " messages bounced: clean the list (remove"
                    + " hard bounces and old addresses) before sending more."));
      }
    }
    if (t.delivered() >= MIN_VOLUME) {
      double open = (double) t.uniqueOpens() / t.delivered();
      if (open < MIN_OPEN_RATE) {
        found.add(
            new Finding(
                "open-rate",
                "campaign",
                campaign,
                Finding.WARNING,
                "Open rate below 15 %",
                percent(open)
                    + " of delivered messages were opened: mail may be landing in spam,"
                    + " or the audience is not engaged; send to recent openers first."));
      }
      double complaints = (double) t.complaints() / t.delivered();
      if (complaints > MAX_COMPLAINT_RATE) {
        found.add(
            new Finding(
                "complaint-rate",
                "campaign",
                campaign,
                Finding.CRITICAL,
                "Complaint rate above 0.1 %",
                percent(complaints)
                    + " of recipients marked the message as spam; Gmail's limit is"
                    + " 0.3 %. Check consent and make unsubscribing easy."));
      }
    }
    return found;
  }

  static List<Finding> warmup(List<WarmingIp> ips) {
    return ips.stream()
        .map(
            ip ->
                new Finding(
                    "warmup-ip",
                    "ip",
                    ip.ip(),
                    Finding.WARNING,
                    "Sending from an IP in warmup",
                    ip.ip()
                        + " is on day "
                        + ip.scheduleDay()
                        + " of its warmup, capped at "
                        + ip.dailyCap()
                        + " messages a day: a large send will be spread over days"
                        + " or should go to the most engaged contacts first."))
        .toList();
  }

  static List<Finding> lists(List<AudienceList> lists, Instant now) {
    List<Finding> found = new ArrayList<>();
    for (AudienceList list : lists) {
      if (list.lastSent() == null) {
        found.add(
            new Finding(
                "list-never-sent",
                "list",
                list.id().toString(),
                Finding.INFO,
                "First send to list " + list.name(),
                "No earlier campaign went to this list: start with a small part of it and watch"
                    + " bounces."));
      } else if (list.lastSent().isBefore(now.minus(LIST_IDLE))) {
        found.add(
            new Finding(
                "list-idle",
                "list",
                list.id().toString(),
                Finding.WARNING,
                "List " + list.name() + " not sent to for 6 months",
                "The last campaign to it was launched "
                    + list.lastSent()
                    + ": addresses go stale;"
                    + " re-confirm or send to recent openers first."));
      }
    }
    return found;
  }

  static String percent(double rate) {
    return String.format(Locale.ROOT, "%.2f %%", rate * 100);
  }

  private MetricRules() {}
}
