package dev.heron.api.planning;

import dev.heron.api.db.Queries;
import dev.heron.api.db.Tx;
import dev.heron.events.Channel;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The steps that decide who is in the plan before any rule about consent or caps. */
final class AudienceSteps {

  /** Audience: every contact the campaign's lists and filter select, each once. */
  static final class Audience implements PlanStep {
    public String name() {
      return "audience";
    }

    public Effect effect() {
      return Effect.SELECTED;
    }

    public long apply(PlanRequest request, Tx tx) throws SQLException {
      tx.update(Queries.PLAN_RESET);
      tx.update(Queries.PLAN_MEMORY);
      tx.update(Queries.PLAN_NO_JIT);
      List<Object> params = new ArrayList<>();
      params.add(request.channel().wireName());
      params.add(request.dueAt());
      params.add(request.tenantId());
      params.addAll(request.audience().params());
      tx.updateSql(request.audience().into(tx.text(Queries.PLAN_AUDIENCE)), params.toArray());
      tx.update(Queries.PLAN_ANALYZE);
      return size(tx);
    }
  }

  /** Contacts without an address on the channel cannot be sent to. */
  static final class Unreachable implements PlanStep {
    public String name() {
      return "unreachable";
    }

    public Effect effect() {
      return Effect.REMOVED;
    }

    public long apply(PlanRequest request, Tx tx) throws SQLException {
      return tx.update(Queries.PLAN_DROP_UNREACHABLE);
    }
  }

  /**
   * De-duplication: one message per address. Emails are unique per tenant already, so only the
   * phone and social channels can hold two contacts with one address.
   */
  static final class DuplicateAddresses implements PlanStep {
    public String name() {
      return "duplicate-address";
    }

    public Effect effect() {
      return Effect.REMOVED;
    }

    public long apply(PlanRequest request, Tx tx) throws SQLException {
      if (request.channel() == Channel.EMAIL) {
        return 0;
      }
      return tx.update(Queries.PLAN_DROP_DUPLICATE_ADDRESSES);
    }
  }

  /** De-duplication across runs: planning again never plans a contact twice. */
  static final class AlreadyPlanned implements PlanStep {
    public String name() {
      return "already-planned";
    }

    public Effect effect() {
      return Effect.REMOVED;
    }

    public long apply(PlanRequest request, Tx tx) throws SQLException {
      return tx.update(
          Queries.PLAN_DROP_ALREADY_PLANNED, request.campaignId(), request.channel().wireName());
    }
  }

  static long size(Tx tx) throws SQLException {
    return tx.one(Queries.PLAN_SIZE, row -> row.getLong(1)).orElse(0L);
  }

  private AudienceSteps() {}
}
