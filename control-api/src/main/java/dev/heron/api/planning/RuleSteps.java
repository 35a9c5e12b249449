package dev.heron.api.planning;

import dev.heron.api.db.Queries;
import dev.heron.api.db.Tx;
import java.sql.SQLException;

/** Suppression, consent and the marketing caps: who must not get this message. */
final class RuleSteps {

  /** Suppressed addresses (hard bounces, complaints, unsubscribes) get nothing, of any class. */
  static final class Suppressed implements PlanStep {
    public String name() {
      return "suppressed";
    }

    public Effect effect() {
      return Effect.REMOVED;
    }

    public long apply(PlanRequest request, Tx tx) throws SQLException {
      return tx.update(
          Queries.PLAN_DROP_SUPPRESSED, request.tenantId(), request.channel().wireName());
    }
  }

  /**
   * Marketing needs consent: contacts who opted out, withdrew it or never granted it are left out.
   * Transactional messages (a receipt, a password reset) still reach them.
   */
  static final class WithoutConsent implements PlanStep {
    public String name() {
      return "without-consent";
    }

    public Effect effect() {
      return Effect.REMOVED;
    }

    public long apply(PlanRequest request, Tx tx) throws SQLException {
      return request.isMarketing() ? tx.update(Queries.PLAN_DROP_WITHOUT_CONSENT) : 0;
    }
  }

  /** At most N marketing messages per contact per period (the tenant's setting). */
  static final class FrequencyCapped implements PlanStep {
    public String name() {
      return "frequency-cap";
    }

    public Effect effect() {
      return Effect.REMOVED;
    }

    public long apply(PlanRequest request, Tx tx) throws SQLException {
      if (!request.isMarketing()) {
        return 0;
      }
      FrequencyCap cap = request.frequencyCap();
      return tx.update(
          Queries.PLAN_DROP_FREQUENCY_CAPPED,
          request.tenantId(),
          request.campaignId(),
          cap.days(),
          cap.messages());
    }
  }

  /** Never the same marketing template twice to the same contact. */
  static final class SameTemplate implements PlanStep {
    public String name() {
      return "same-template";
    }

    public Effect effect() {
      return Effect.REMOVED;
    }

    public long apply(PlanRequest request, Tx tx) throws SQLException {
      if (!request.isMarketing() || request.templateIds().isEmpty()) {
        return 0;
      }
      return tx.update(
          Queries.PLAN_DROP_SAME_TEMPLATE,
          request.tenantId(),
          request.campaignId(),
          request.templateIds());
    }
  }

  private RuleSteps() {}
}
