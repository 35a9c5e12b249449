package dev.heron.jobs.warmup;

import dev.heron.events.WarmupState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One IP's warmup on one UTC day: what it may send and what it sent, bounced and had complained
 * about. Immutable; each change makes a new one.
 */
public record WarmupDay(
    String ip,
    long epochDay,
    int scheduleDay,
    long dailyCap,
    long sent,
    long bounced,
    long complained,
    boolean paused,
    String pauseReason,
    long updatedAtMillis) {

  /** The day an IP's warmup stands at when it is first read from its plan. */
  public static WarmupDay start(String ip, WarmupPlan plan, LocalDate day, long atMillis) {
    boolean sameDay = day.equals(plan.asOf());
    return new WarmupDay(
        ip,
        day.toEpochDay(),
        plan.scheduleDay(),
        WarmupPlan.capFor(plan.schedule(), plan.scheduleDay()),
        sameDay ? plan.sentToday() : 0,
        0,
        0,
        sameDay && plan.paused(),
        sameDay ? plan.pauseReason() : null,
        atMillis);
  }

  /** The next day: counts start over, the schedule moves on unless the IP was paused. */
  public WarmupDay nextDay(LocalDate day, List<WarmupPlan.Step> schedule, long atMillis) {
    int next = WarmupRules.nextScheduleDay(scheduleDay, paused);
    return new WarmupDay(
        ip,
        day.toEpochDay(),
        next,
        WarmupPlan.capFor(schedule, next),
        0,
        0,
        0,
        false,
        null,
        atMillis);
  }

  /** This day with one more sent, bounced or complained-about message, paused if it must be. */
  public WarmupDay count(
      long moreSent,
      long moreBounced,
      long moreComplained,
      WarmupRules.Thresholds limits,
      long atMillis) {
    long s = sent + moreSent;
    long b = bounced + moreBounced;
    long c = complained + moreComplained;
    String reason = paused ? pauseReason : WarmupRules.pauseReason(s, b, c, limits).orElse(null);
    return new WarmupDay(
        ip, epochDay, scheduleDay, dailyCap, s, b, c, reason != null, reason, atMillis);
  }

  public LocalDate day() {
    return LocalDate.ofEpochDay(epochDay);
  }

  public WarmupState toState() {
    return new WarmupState(
        ip,
        day(),
        scheduleDay,
        dailyCap,
        sent,
        paused,
        pauseReason,
        Instant.ofEpochMilli(updatedAtMillis));
  }
}
