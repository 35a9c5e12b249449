package dev.heron.api.planning;

import dev.heron.api.db.Queries;
import dev.heron.api.db.Tx;
import dev.heron.events.MessageClass;
import java.sql.SQLException;
import java.util.List;

/** The planning steps, in the order they run. */
final class PlanSteps {

  /** Audience: the distinct members of the campaign's lists (de-duplicated across lists). */
  static final class AudienceFromLists implements PlanStep {
    @Override
    public String name() {
      return "audience";
    }

    @Override
    public Effect effect() {
      return Effect.SELECTED;
    }

    @Override
    public long apply(PlanRequest request, Tx tx) throws SQLException {
      tx.update(Queries.PLAN_AUDIENCE_FROM_LISTS, request.tenantId(), request.lists());
      return tx.one(Queries.PLAN_AUDIENCE_SIZE, row -> row.getLong(1)).orElse(0L);
    }
  }

  /** Contacts without an address on the channel cannot be sent to. */
  static final class DropUnreachable implements PlanStep {
    @Override
    public String name() {
      return "unreachable";
    }

    @Override
    public Effect effect() {
      return Effect.REMOVED;
    }

    @Override
    public long apply(PlanRequest request, Tx tx) throws SQLException {
      return tx.update(Queries.PLAN_DROP_UNREACHABLE);
    }
  }

  /** Suppressed addresses (hard bounces, complaints, unsubscribes) get nothing, of any class. */
  static final class DropSuppressed implements PlanStep {
    @Override
    public String name() {
      return "suppressed";
    }

    @Override
    public Effect effect() {
      return Effect.REMOVED;
    }

    @Override
    public long apply(PlanRequest request, Tx tx) throws SQLException {
      return tx.update(Queries.PLAN_DROP_SUPPRESSED, request.channel().wireName());
    }
  }

  /**
   * Marketing needs consent: contacts who opted out or withdrew it are left out. Transactional mail
   * (a receipt, a password reset) still reaches them.
   */
  static final class DropWithoutConsent implements PlanStep {
    @Override
    public String name() {
      return "without-consent";
    }

    @Override
    public Effect effect() {
      return Effect.REMOVED;
    }

    @Override
    public long apply(PlanRequest request, Tx tx) throws SQLException {
      if (request.messageClass() != MessageClass.MARKETING) {
        return 0;
      }
      return tx.update(Queries.PLAN_DROP_WITHOUT_CONSENT);
    }
  }

  /** One recipient per contact left; a contact planned before keeps its recipient. */
  static final class WriteRecipients implements PlanStep {
    @Override
    public String name() {
      return "recipients";
    }

    @Override
    public Effect effect() {
      return Effect.WRITTEN;
    }

    @Override
    public long apply(PlanRequest request, Tx tx) throws SQLException {
      return tx.update(
          Queries.PLAN_WRITE_RECIPIENTS,
          request.campaignId(),
          request.channel().wireName(),
          request.variant());
    }
  }

  /** The new recipients go on the send queue, due now or at the campaign's scheduled time. */
  static final class Enqueue implements PlanStep {
    @Override
    public String name() {
      return "queued";
    }

    @Override
    public Effect effect() {
      return Effect.WRITTEN;
    }

    @Override
    public long apply(PlanRequest request, Tx tx) throws SQLException {
      return tx.update(Queries.PLAN_ENQUEUE, request.dueAt(), request.campaignId());
    }
  }

  static List<PlanStep> standard() {
    return List.of(
        new AudienceFromLists(),
        new DropUnreachable(),
        new DropSuppressed(),
        new DropWithoutConsent(),
        new WriteRecipients(),
        new Enqueue());
  }

  private PlanSteps() {}
}
