package dev.heron.api.audience;

import dev.heron.api.contact.Contact;
import dev.heron.api.db.Db;
import dev.heron.api.db.Queries;
import dev.heron.api.db.Rows;
import dev.heron.api.db.Tx;
import dev.heron.api.error.ApiException;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who an audience is: the members of some lists (a static list's explicit members, a dynamic list's
 * matches), narrowed by a filter when there is one, as one SQL condition on {@code contacts c} that
 * counts, samples and plans all use.
 */
@Singleton
public class AudienceService {
  /** Sample sizes a preview may ask for. */
  public static final int MAX_SAMPLE = 100;

  /** Membership of a static list: a fixed fragment whose only input is the bound list id. */
  private static final String STATIC_MEMBER =
      "EXISTS (SELECT 1 FROM list_contacts lc WHERE lc.list_id = ?::uuid AND lc.contact_id = c.id)";

  private final Db db;

  AudienceService(Db db) {
    this.db = db;
  }

  /** How many contacts match, and the newest few of them. */
  @Serdeable
  public record Preview(long count, List<Contact> sample) {}

  /**
   * Compiles a filter written by a user; a syntax or type error is a 400 on {@code field} naming
   * the position.
   */
  public static CompiledFilter compile(String expression, String field) {
    try {
      return Filters.compile(expression);
    } catch (FilterSyntaxException e) {
      throw ApiException.badRequest(field, field + ": " + e.getMessage());
    }
  }

  /**
   * The condition selecting the audience: members of any of {@code lists} (every contact when there
   * are none), and matching {@code filter} when there is one. Lists are the tenant's (checked by
   * the caller); a stored dynamic filter that no longer compiles is a 400 on {@code field}.
   */
  public CompiledFilter condition(
      Tx tx, UUID tenantId, List<UUID> lists, String filter, String field) throws SQLException {
    List<String> parts = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (!lists.isEmpty()) {
      Map<UUID, String[]> stored = new HashMap<>();
      tx.list(
          Queries.AUDIENCE_LISTS,
          row ->
              stored.put(
                  Rows.uuid(row, "id"),
                  new String[] {row.getString("kind"), row.getString("filter")}),
          tenantId,
          lists);
      List<String> members = new ArrayList<>();
      for (int i = 0; i < lists.size(); i++) {
        String[] list = stored.get(lists.get(i));
        if (list == null) {
          throw ApiException.badRequest(
              field + ".lists[" + i + "]", field + ".lists[" + i + "]: no list " + lists.get(i));
        }
        if ("dynamic".equals(list[0])) {
          CompiledFilter dynamic = compile(list[1], field + ".lists[" + i + "]");
          members.add("(" + dynamic.sql() + ")");
          params.addAll(dynamic.params());
        } else {
          members.add(STATIC_MEMBER);
          params.add(lists.get(i));
        }
      }
      parts.add("(" + String.join(" OR ", members) + ")");
    }
    if (filter != null) {
      CompiledFilter compiled = compile(filter, field + ".filter");
      parts.add("(" + compiled.sql() + ")");
      params.addAll(compiled.params());
    }
    if (parts.isEmpty()) {
      return CompiledFilter.ALL;
    }
    return new CompiledFilter(String.join(" AND ", parts), List.copyOf(params));
  }

  public long count(Tx tx, UUID tenantId, CompiledFilter condition) throws SQLException {
    return tx.listSql(
            condition.into(tx.text(Queries.AUDIENCE_COUNT)),
            row -> row.getLong(1),
            params(tenantId, condition))
        .get(0);
  }

  public Preview preview(UUID tenantId, CompiledFilter condition, int limit) {
    if (limit < 0 || limit > MAX_SAMPLE) {
      throw ApiException.badRequest(
          "limit", "limit: must be between 0 and " + MAX_SAMPLE + ", was " + limit);
    }
    return db.transaction(
        tx -> {
          long count = count(tx, tenantId, condition);
          List<Object> params = new ArrayList<>(List.of(params(tenantId, condition)));
          params.add(limit);
          List<Contact> sample =
              tx.listSql(
                  condition.into(tx.text(Queries.AUDIENCE_SAMPLE)), Contact::of, params.toArray());
          return new Preview(count, sample);
        });
  }

  /** The tenant id, then the condition's own parameters: the order the audience queries take. */
  private static Object[] params(UUID tenantId, CompiledFilter condition) {
    List<Object> params = new ArrayList<>();
    params.add(tenantId);
    params.addAll(condition.params());
    return params.toArray();
  }
}
