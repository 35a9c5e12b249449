package dev.heron.bench.model;

import dev.heron.events.Channel;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.simulator.World;
import dev.heron.simulator.recipients.EngagementPlan;
import dev.heron.simulator.recipients.HabitProfile;
import dev.heron.simulator.recipients.MailReading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A world unlike the simulator's, for the model's sensitivity only: the same kind of person (a peak
 * hour of the week, reading mail when they next look after delivery) with other numbers than the
 * simulator's {@code Habits} and {@code MailReading} — a wider or narrower habit, the hour shared
 * less or more across days, more glancing at any hour, more mail read as it arrives, faster or
 * slower reading. The rest is the simulator's own: how likely people are to open ({@link
 * HabitProfile}), how far ahead they may read and how a message's chance to be opened fades while
 * it waits ({@link MailReading}). The send-time model assumes some of the simulator's numbers
 * (docs/benchmarks.md); this shows what its accuracy becomes when the world does not match them.
 *
 * @param spreadHours the habit's sigma around the peak, in hours
 * @param otherDays how much the same hour on other days counts
 * @param anyHour the habit's floor at any hour
 * @param atDelivery the share of messages read as they arrive
 * @param readHalfLifeHours after how long unread the chance to look halves
 */
record VariedReadingWorld(
    double spreadHours,
    double otherDays,
    double anyHour,
    double atDelivery,
    double readHalfLifeHours) {
  private static final int HOURS = 168;
  private static final int HORIZON_HOURS = MailReading.HORIZON_HOURS;
  private static final long HOUR_MS = 3_600_000L;

  /** The built-in world's people: how likely they are to open. */
  private static final HabitProfile PEOPLE = World.builtIn().habits();

  /** A tenant's history in this world, and each contact's true peak hour. */
  record History(List<Event> events, List<UUID> contacts, int[] peaks, int[] opens) {}

  History play(int contactCount, int weeks, int campaignsPerWeek, Instant start, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    UUID tenant = new UUID(seed, 1);
    List<UUID> contacts = new ArrayList<>();
    int[] peaks = new int[contactCount];
    double[] openProbability = new double[contactCount];
    for (int i = 0; i < contactCount; i++) {
      contacts.add(new UUID(seed, 1000 + i));
      peaks[i] = random.nextInt(HOURS);
      openProbability[i] =
          PEOPLE.openProbabilityMin()
              + (PEOPLE.openProbabilityMax() - PEOPLE.openProbabilityMin()) * random.nextDouble();
    }
    int[] opens = new int[contactCount];
    List<Event> events = new ArrayList<>();
    for (int week = 0; week < weeks; week++) {
      for (int c = 0; c < campaignsPerWeek; c++) {
        long sentAt =
            start.toEpochMilli() + 7L * 24 * HOUR_MS * week + random.nextLong(7L * 24 * HOUR_MS);
        UUID campaign = new UUID(seed, random.nextLong());
        for (int i = 0; i < contactCount; i++) {
          UUID message = new UUID(seed, random.nextLong());
          long deliveredAt = sentAt + (long) i * 1_200_000 / contactCount;
          events.add(
              event(EventType.DELIVERED, tenant, campaign, message, contacts.get(i), deliveredAt));
          long readAt = readAt(peaks[i], deliveredAt, random);
          double freshness = MailReading.freshness(Duration.ofMillis(readAt - deliveredAt));
          if (random.nextDouble() < openProbability[i] * freshness) {
            events.add(event(EventType.OPENED, tenant, campaign, message, contacts.get(i), readAt));
            opens[i]++;
          }
        }
      }
    }
    events.sort(Comparator.comparing(Event::occurredAt));
    return new History(events, contacts, peaks, opens);
  }

  private long readAt(int peak, long deliveredAt, SplittableRandom random) {
    if (random.nextDouble() < atDelivery) {
      return deliveredAt + random.nextLong(120_000);
    }
    long hourStart = Math.floorDiv(deliveredAt, HOUR_MS) * HOUR_MS;
    double[] weights = new double[HORIZON_HOURS];
    double total = 0;
    for (int k = 0; k < HORIZON_HOURS; k++) {
      int hourOfWeek = EngagementPlan.hourOfWeek(Instant.ofEpochMilli(hourStart + k * HOUR_MS));
      weights[k] = habit(hourOfWeek, peak) * readLater(k);
      total += weights[k];
    }
    double pick = random.nextDouble() * total;
    int k = 0;
    while (k < HORIZON_HOURS - 1 && (pick -= weights[k]) >= 0) {
      k++;
    }
    long from = Math.max(deliveredAt, hourStart + k * HOUR_MS);
    return from + (long) ((hourStart + (k + 1) * HOUR_MS - from) * random.nextDouble());
  }

  /** The reader that knows this world's numbers: a close reader of what its readings allow. */
  SimulatorShapeOracle oracle() {
    return new SimulatorShapeOracle(offset -> habit(offset, 0), atDelivery, this::readLater);
  }

  /** The weight of first looking {@code delay} hours after delivery. */
  private double readLater(int delay) {
    return Math.pow(0.5, delay / readHalfLifeHours);
  }

  private double habit(int hourOfWeek, int peak) {
    int week = distance(hourOfWeek, peak, HOURS);
    int day = distance(hourOfWeek % 24, peak % 24, 24);
    double sameWeek = Math.exp(-(week * week) / (2 * spreadHours * spreadHours));
    double sameDay = otherDays * Math.exp(-(day * day) / (2 * spreadHours * spreadHours));
    return Math.max(anyHour, Math.max(sameWeek, sameDay));
  }

  private static int distance(int a, int b, int period) {
    int d = Math.floorMod(a - b, period);
    return Math.min(d, period - d);
  }

  private static Event event(
      EventType type, UUID tenant, UUID campaign, UUID message, UUID contact, long at) {
    Event.Builder b =
        Event.builder(type)
            .occurredAt(Instant.ofEpochMilli(at))
            .source("bench-sendtime-offline")
            .tenantId(tenant)
            .campaignId(campaign)
            .messageId(message)
            .recipientId(message)
            .contactId(contact)
            .channel(Channel.EMAIL)
            .variant("A")
            .sendingIp("127.0.0.2")
            .senderIdentity("news.bench.test")
            .provider("other");
    if (type == EventType.OPENED) {
      b.machineOpen(false);
    }
    return b.build();
  }
}
