package dev.heron.api.template;

import dev.heron.api.db.DataException;
import dev.heron.api.db.Db;
import dev.heron.api.db.Queries;
import dev.heron.api.db.Rows;
import dev.heron.api.db.Tx;
import dev.heron.api.error.ApiException;
import dev.heron.api.paging.Page;
import dev.heron.events.Channel;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@Singleton
public class TemplateService {
  private final Db db;

  TemplateService(Db db) {
    this.db = db;
  }

  Template create(UUID tenantId, TemplateRequests.Create request) {
    Channel channel = Channel.fromWire(request.channel());
    List<String> variables = checked(channel, request.content());
    String name = request.name().strip();
    try {
      UUID id =
          db.transaction(tx -> insert(tx, tenantId, name, channel, request.content(), variables));
      return get(tenantId, id);
    } catch (DataException e) {
      if (e.isUniqueViolation()) {
        throw ApiException.conflict(
            "name",
            "name: a " + request.channel() + " template named '" + name + "' already exists");
      }
      throw e;
    }
  }

  /**
   * Inserts a template at version 1. Email needs no provider review, so its versions are approved
   * at once; the other channels' start unsubmitted.
   */
  static UUID insert(
      Tx tx,
      UUID tenantId,
      String name,
      Channel channel,
      TemplateContent content,
      List<String> variables)
      throws SQLException {
    UUID templateId =
        tx.one(
                Queries.TEMPLATE_INSERT,
                row -> Rows.uuid(row, "id"),
                tenantId,
                name,
                channel.wireName())
            .orElseThrow();
    insertVersion(tx, templateId, 1, null, channel, content, variables);
    return templateId;
  }

  /** Adds a version with new content; it replaces the current version and becomes current. */
  Template addVersion(UUID tenantId, UUID id, TemplateRequests.NewVersion request) {
    db.transaction(
        tx -> {
          Object[] locked =
              tx.one(
                      Queries.TEMPLATE_LOCK,
                      row -> new Object[] {row.getString("channel"), row.getInt("current_version")},
                      tenantId,
                      id)
                  .orElseThrow(() -> ApiException.notFound("template", id));
          Channel channel = Channel.fromWire((String) locked[0]);
          int current = (Integer) locked[1];
          List<String> variables = checked(channel, request.content());
          insertVersion(tx, id, current + 1, current, channel, request.content(), variables);
          tx.update(Queries.TEMPLATE_SET_CURRENT, current + 1, id);
          return null;
        });
    return get(tenantId, id);
  }

  List<TemplateVersion> versions(UUID tenantId, UUID id) {
    get(tenantId, id);
    return db.transaction(
        tx -> tx.list(Queries.TEMPLATE_VERSIONS, TemplateVersion::of, tenantId, id));
  }

  /** Moves a version along its approval states; an illegal move is a 409 naming both states. */
  TemplateVersion changeStatus(UUID tenantId, UUID id, int version, String status) {
    ApprovalStatus next;
    try {
      next = ApprovalStatus.fromWire(status);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "status", "status: must be one of " + ApprovalStatus.NAMES + ", was '" + status + "'");
    }
    return db.transaction(
        tx -> {
          ApprovalStatus current =
              tx.one(
                      Queries.TEMPLATE_VERSION_LOCK,
                      row -> ApprovalStatus.fromWire(row.getString("status")),
                      tenantId,
                      id,
                      version)
                  .orElseThrow(() -> ApiException.notFound("template version", id + "/" + version));
          try {
            current.to(next);
          } catch (ApprovalStatus.IllegalTransition e) {
            throw ApiException.conflict(
                "status", "status: version " + version + ": " + e.getMessage());
          }
          tx.update(Queries.TEMPLATE_VERSION_SET_STATUS, next.wireName(), id, version);
          return tx.list(Queries.TEMPLATE_VERSIONS, TemplateVersion::of, tenantId, id).stream()
              .filter(v -> v.version() == version)
              .findFirst()
              .orElseThrow();
        });
  }

  Page<Template> page(UUID tenantId, Page.Request page) {
    return new Page<>(
        db.transaction(
            tx ->
                tx.list(
                    Queries.TEMPLATE_PAGE, Template::of, tenantId, page.limit(), page.offset())),
        page.limit(),
        page.offset());
  }

  public Template get(UUID tenantId, UUID id) {
    return db.transaction(tx -> tx.one(Queries.TEMPLATE_BY_ID, Template::of, tenantId, id))
        .orElseThrow(() -> ApiException.notFound("template", id));
  }

  /** The content checked for the channel and its variables against the allowed set. */
  static List<String> checked(Channel channel, TemplateContent content) {
    content.check(channel);
    Set<String> variables =
        TemplateVariables.used(
            content.subject(), content.html(), content.text(), content.mediaUrl());
    for (String variable : variables) {
      TemplateVariables.problem(variable)
          .ifPresent(
              p -> {
                throw ApiException.badRequest("variables", "variables: " + p);
              });
    }
    return List.copyOf(variables);
  }

  private static void insertVersion(
      Tx tx,
      UUID templateId,
      int version,
      Integer replaces,
      Channel channel,
      TemplateContent content,
      List<String> variables)
      throws SQLException {
    ApprovalStatus status =
        channel == Channel.EMAIL ? ApprovalStatus.APPROVED : ApprovalStatus.UNSUBMITTED;
    tx.update(
        Queries.TEMPLATE_VERSION_INSERT,
        templateId,
        version,
        replaces,
        status.wireName(),
        content.subject(),
        content.html(),
        content.text(),
        content.mediaUrl(),
        variables);
  }
}
