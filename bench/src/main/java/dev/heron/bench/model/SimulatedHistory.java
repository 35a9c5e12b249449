package dev.heron.bench.model;

import dev.heron.events.Channel;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.simulator.Timings;
import dev.heron.simulator.recipients.EngagementPlan;
import dev.heron.simulator.recipients.HabitProfile;
import dev.heron.simulator.recipients.Habits;
import dev.heron.simulator.recipients.MailReading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Weeks of one tenant's campaigns, played by the simulator's own recipients model ({@link Habits},
 * {@link EngagementPlan}) at simulated times: what each contact would have done with each message,
 * as the events the senders (each message's {@code DELIVERED}) and the tracking endpoints would
 * have published, each open at the simulated time the person read the message ({@link
 * EngagementPlan#openedAt}). The habits stay here as the ground truth; Heron sees only the events.
 */
final class SimulatedHistory {
  private static final List<String[]> PROVIDERS =
      List.of(
          new String[] {"gmail", "gmail.test"},
          new String[] {"outlook", "outlook.test"},
          new String[] {"yahoo", "yahoo.test"},
          new String[] {"apple", "icloud.test"},
          new String[] {"other", "example.test"});

  /** A simulated contact, with what Heron must never see. */
  record Contact(UUID id, String address, String provider, Habits habits) {}

  final UUID tenant = UUID.randomUUID();
  final List<Contact> contacts = new ArrayList<>();
  final List<Event> events = new ArrayList<>();
  final int[] humanOpens;
  final int[] humanEngagements;
  final Instant trainedUntil;

  private final HabitProfile profile;
  private final Timings timings;
  private final long seed;

  /**
   * {@code weeks} of {@code campaignsPerWeek} campaigns from {@code start}, each sent to every
   * contact at an hour of the week drawn at random (a tenant's campaigns go out at varied times).
   */
  SimulatedHistory(
      int contactCount,
      int weeks,
      int campaignsPerWeek,
      Instant start,
      HabitProfile profile,
      Timings timings,
      long seed) {
    this.profile = profile;
    this.timings = timings;
    this.seed = seed;
    for (int i = 0; i < contactCount; i++) {
      String[] provider = PROVIDERS.get(i % PROVIDERS.size());
      String address = "st-" + tenant.toString().substring(0, 8) + "-" + i + "@" + provider[1];
      contacts.add(
          new Contact(
              UUID.randomUUID(),
              address,
              provider[0],
              Habits.of(address, provider[0], profile, seed)));
    }
    humanOpens = new int[contactCount];
    humanEngagements = new int[contactCount];
    SplittableRandom schedule = new SplittableRandom(seed);
    for (int week = 0; week < weeks; week++) {
      for (int c = 0; c < campaignsPerWeek; c++) {
        Instant sentAt =
            start.plus(Duration.ofDays(7L * week)).plusSeconds(schedule.nextLong(7L * 24 * 3600));
        campaign(UUID.randomUUID(), sentAt);
      }
    }
    trainedUntil = start.plus(Duration.ofDays(7L * weeks));
    // published as they happen: a message read days later is published days later
    events.sort(java.util.Comparator.comparing(Event::occurredAt));
  }

  /**
   * Whether the contact opens a message delivered at {@code at}, by the simulator's own plan: in
   * the simulated world, when they next read their mail (within {@link MailReading#HORIZON_HOURS}
   * hours, the campaign's measurement window).
   */
  boolean opens(Contact contact, String messageKey, Instant at) {
    return plan(contact, messageKey, at).openedAt().isPresent();
  }

  /** The chance, under the simulator's model, that the contact opens a message delivered then. */
  double openChance(Contact contact, Instant at) {
    return MailReading.openChance(contact.habits(), at);
  }

  private EngagementPlan plan(Contact contact, String messageKey, Instant at) {
    return EngagementPlan.of(
        contact.address(),
        messageKey,
        contact.habits(),
        profile.hourAffinityWeight(),
        at,
        timings,
        seed);
  }

  private void campaign(UUID campaign, Instant sentAt) {
    for (int i = 0; i < contacts.size(); i++) {
      Contact contact = contacts.get(i);
      UUID message = UUID.randomUUID();
      // a large campaign takes a while to go out: deliveries spread over its first 20 minutes
      Instant deliveredAt = sentAt.plusSeconds((long) i * 1200 / contacts.size());
      EngagementPlan plan = plan(contact, message.toString(), deliveredAt);
      // as the senders publish it: what the send-time model measures each open's exposure from
      events.add(event(EventType.DELIVERED, campaign, message, contact, deliveredAt, null));
      if (plan.prefetch()) {
        events.add(event(EventType.OPENED, campaign, message, contact, deliveredAt, true));
      }
      if (plan.openedAt().isEmpty()) {
        continue;
      }
      // the simulated time the person read it (their habit), not seconds after delivery
      events.add(event(EventType.OPENED, campaign, message, contact, plan.openedAt().get(), false));
      humanOpens[i]++;
      humanEngagements[i]++;
      if (plan.clickedAt().isPresent()) {
        events.add(
            event(EventType.CLICKED, campaign, message, contact, plan.clickedAt().get(), null));
        humanEngagements[i]++;
      }
    }
  }

  private Event event(
      EventType type, UUID campaign, UUID message, Contact contact, Instant at, Boolean machine) {
    Event.Builder b =
        Event.builder(type)
            .occurredAt(at)
            .source("bench-sendtime")
            .tenantId(tenant)
            .campaignId(campaign)
            .messageId(message)
            .recipientId(UUID.nameUUIDFromBytes((campaign + contact.address()).getBytes()))
            .contactId(contact.id())
            .channel(Channel.EMAIL)
            .variant("A")
            .sendingIp("127.0.0.2")
            .senderIdentity("news.bench.test")
            .provider(contact.provider());
    if (type == EventType.OPENED) {
      b.machineOpen(machine);
    } else if (type == EventType.CLICKED) {
      b.url("https://bench.test/offer");
    }
    return b.build();
  }
}
