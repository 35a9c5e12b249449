package dev.heron.api.template;

import dev.heron.api.db.DataException;
import dev.heron.api.db.Db;
import dev.heron.api.db.Queries;
import dev.heron.api.db.Rows;
import dev.heron.api.error.ApiException;
import dev.heron.api.paging.Page;
import jakarta.inject.Singleton;
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
    if (!"email".equals(request.channel())) {
      // The other channels' content and provider approval arrive with their messengers.
      throw ApiException.badRequest(
          "channel",
          "channel: only email templates can be created for now, was " + request.channel());
    }
    if (request.subject() == null || request.subject().isBlank()) {
      throw ApiException.badRequest("subject", "subject: an email template needs a subject");
    }
    if (isBlank(request.html()) && isBlank(request.text())) {
      throw ApiException.badRequest("html", "html: an email template needs an html or a text body");
    }
    Set<String> variables =
        TemplateVariables.used(request.subject(), request.html(), request.text());
    for (String variable : variables) {
      if (!TemplateVariables.isAllowedName(variable)) {
        throw ApiException.badRequest(
            "variables", "variables: '{{" + variable + "}}' is not a valid variable name");
      }
    }
    String name = request.name().strip();
    try {
      UUID id =
          db.transaction(
              tx -> {
                UUID templateId =
                    tx.one(
                            Queries.TEMPLATE_INSERT,
                            row -> Rows.uuid(row, "id"),
                            tenantId,
                            name,
                            request.channel())
                        .orElseThrow();
                // Email needs no provider review, so its first version is approved at once.
                tx.update(
                    Queries.TEMPLATE_VERSION_INSERT,
                    templateId,
                    1,
                    null,
                    "approved",
                    request.subject(),
                    request.html(),
                    request.text(),
                    request.mediaUrl(),
                    List.copyOf(variables));
                return templateId;
              });
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

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
