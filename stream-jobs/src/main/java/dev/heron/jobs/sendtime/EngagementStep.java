package dev.heron.jobs.sendtime;

/**
 * What one of a contact's engagements does to its message, the step that makes readings: a delivery
 * is recorded and makes no reading; an open or click is read against the message's delivery ({@link
 * SendTimeRules#reading}), and the first of its message is a new reading that marks the message
 * read (recorded even when its delivery was not seen, so that a later click is a repeat), a later
 * one only an observation.
 *
 * <p>Plain Java: {@link ContactReadingsFunction} keeps the deliveries in Flink state and the
 * offline replay of the job in a map, and both take this step.
 *
 * @param recorded what to keep for the message from now on; {@code null} when it stays as it was
 * @param reading the reading made; {@code null} for a delivery
 */
public record EngagementStep(Delivery recorded, ContactReading reading) {

  /**
   * The step for {@code engagement}, given its message's delivery as kept so far ({@code known},
   * {@code null} when none is; not consulted for a delivery, which replaces whatever was kept).
   */
  public static EngagementStep of(Engagement engagement, Delivery known) {
    if (!engagement.isEngagement()) {
      return new EngagementStep(
          new Delivery(engagement.occurredAtMillis(), engagement.hourOfWeek(), false), null);
    }
    Reading reading =
        SendTimeRules.reading(engagement.hourOfWeek(), engagement.occurredAtMillis(), known);
    boolean first = known == null || !known.read();
    Delivery recorded;
    if (!first) {
      recorded = null;
    } else if (known == null) {
      recorded = new Delivery(engagement.occurredAtMillis(), Reading.NOT_DELIVERED, true);
    } else {
      recorded = new Delivery(known.atMillis(), known.hourOfWeek(), true);
    }
    return new EngagementStep(
        recorded,
        new ContactReading(engagement.tenantId(), engagement.contactId(), reading, first));
  }
}
