package dev.heron.api.list;

import dev.heron.api.audience.AudienceService;
import dev.heron.api.audience.CompiledFilter;
import dev.heron.api.db.DataException;
import dev.heron.api.db.Db;
import dev.heron.api.db.Queries;
import dev.heron.api.db.Rows;
import dev.heron.api.db.Tx;
import dev.heron.api.error.ApiException;
import dev.heron.api.paging.Page;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@Singleton
public class ListService {
  private final Db db;
  private final AudienceService audiences;

  ListService(Db db, AudienceService audiences) {
    this.db = db;
    this.audiences = audiences;
  }

  ContactList create(UUID tenantId, ListRequests.Create request) {
    String name = request.name().strip();
    boolean dynamic = "dynamic".equals(request.kind());
    String filter = request.filter() == null ? null : request.filter().strip();
    if (dynamic && (filter == null || filter.isEmpty())) {
      throw ApiException.badRequest(
          "filter", "filter: a dynamic list needs a filter, e.g. tags has \"prospect\"");
    }
    if (!dynamic && filter != null) {
      throw ApiException.badRequest(
          "filter", "filter: only a dynamic list has a filter; set kind to dynamic");
    }
    if (dynamic) {
      AudienceService.compile(filter, "filter");
    }
    try {
      UUID id =
          db.transaction(
              tx ->
                  tx.one(
                          Queries.LIST_INSERT,
                          row -> Rows.uuid(row, "id"),
                          tenantId,
                          name,
                          request.description(),
                          dynamic ? "dynamic" : "static",
                          filter)
                      .orElseThrow());
      return get(tenantId, id);
    } catch (DataException e) {
      if (e.isUniqueViolation()) {
        throw ApiException.conflict("name", "name: a list named '" + name + "' already exists");
      }
      throw e;
    }
  }

  Page<ContactList> page(UUID tenantId, Page.Request page) {
    return new Page<>(
        db.transaction(
            tx -> {
              List<ContactList> lists = new ArrayList<>();
              for (ContactList list :
                  tx.list(
                      Queries.LIST_PAGE, ContactList::of, tenantId, page.limit(), page.offset())) {
                lists.add(withMembers(tx, tenantId, list));
              }
              return lists;
            }),
        page.limit(),
        page.offset());
  }

  public ContactList get(UUID tenantId, UUID id) {
    return db.transaction(
            tx ->
                tx.one(Queries.LIST_BY_ID, ContactList::of, tenantId, id)
                    .map(list -> withMembers(tx, tenantId, list)))
        .orElseThrow(() -> ApiException.notFound("list", id));
  }

  /** How many contacts a list holds and the newest of them. */
  AudienceService.Preview preview(UUID tenantId, UUID id, int limit) {
    get(tenantId, id);
    CompiledFilter members =
        db.transaction(tx -> audiences.condition(tx, tenantId, List.of(id), null, "list"));
    return audiences.preview(tenantId, members, limit);
  }

  /** What a filter would select, before it is saved in a list or a campaign. */
  AudienceService.Preview previewFilter(UUID tenantId, String filter, int limit) {
    return audiences.preview(tenantId, AudienceService.compile(filter.strip(), "filter"), limit);
  }

  /** A dynamic list's members are whoever matches its filter now. */
  private ContactList withMembers(Tx tx, UUID tenantId, ContactList list) {
    if (!"dynamic".equals(list.kind())) {
      return list;
    }
    try {
      long members =
          audiences.count(
              tx, tenantId, audiences.condition(tx, tenantId, List.of(list.id()), null, "list"));
      return list.withMembers(members);
    } catch (SQLException e) {
      throw new DataException(e);
    }
  }

  /**
   * The id of the tenant's static list named by {@code idOrName} (its id or its name); a refusal
   * names {@code field}.
   */
  public UUID resolveStatic(UUID tenantId, String idOrName, String field) {
    Optional<ContactList> list =
        db.transaction(
            tx -> {
              Optional<UUID> id = parseUuid(idOrName);
              return id.isPresent()
                  ? tx.one(Queries.LIST_BY_ID, ContactList::of, tenantId, id.get())
                  : tx.one(Queries.LIST_BY_NAME, ContactList::of, tenantId, idOrName.strip());
            });
    ContactList found =
        list.orElseThrow(
            () -> ApiException.badRequest(field, field + ": no list '" + idOrName + "'"));
    if (!"static".equals(found.kind())) {
      throw ApiException.badRequest(
          field, field + ": list '" + idOrName + "' is dynamic; contacts cannot be added to it");
    }
    return found.id();
  }

  /** Fails naming {@code field} unless every id is one of the tenant's lists. */
  public void requireAll(UUID tenantId, List<UUID> ids, String field) {
    Set<UUID> found =
        new HashSet<>(
            db.transaction(
                tx ->
                    tx.list(
                        Queries.LIST_IDS_OF_TENANT, row -> Rows.uuid(row, "id"), tenantId, ids)));
    for (int i = 0; i < ids.size(); i++) {
      if (!found.contains(ids.get(i))) {
        throw ApiException.badRequest(
            field + "[" + i + "]", field + "[" + i + "]: no list " + ids.get(i));
      }
    }
  }

  int addMembers(UUID tenantId, UUID listId, List<UUID> contactIds) {
    if (!"static".equals(get(tenantId, listId).kind())) {
      throw ApiException.badRequest("id", "id: list " + listId + " is dynamic");
    }
    return db.transaction(
        tx -> {
          Set<UUID> owned =
              new HashSet<>(
                  tx.list(
                      Queries.CONTACT_IDS_OF_TENANT,
                      row -> Rows.uuid(row, "id"),
                      tenantId,
                      contactIds));
          for (int i = 0; i < contactIds.size(); i++) {
            if (!owned.contains(contactIds.get(i))) {
              throw ApiException.badRequest(
                  "contactIds[" + i + "]",
                  "contactIds[" + i + "]: no contact " + contactIds.get(i));
            }
          }
          return tx.update(Queries.LIST_ADD_MEMBERS, listId, contactIds);
        });
  }

  private static Optional<UUID> parseUuid(String text) {
    try {
      return Optional.of(UUID.fromString(text.strip()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
