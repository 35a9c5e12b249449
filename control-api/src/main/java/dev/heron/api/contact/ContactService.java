package dev.heron.api.contact;

import dev.heron.api.db.DataException;
import dev.heron.api.db.Db;
import dev.heron.api.db.Queries;
import dev.heron.api.db.Rows;
import dev.heron.api.error.ApiException;
import dev.heron.api.paging.Page;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Singleton
public class ContactService {
  private final Db db;

  ContactService(Db db) {
    this.db = db;
  }

  Contact create(UUID tenantId, ContactRequests.Create request) {
    String email =
        Emails.normalize(request.email())
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "email", "email: '" + request.email() + "' is not an email address"));
    if (request.phone() != null) {
      ContactFields.phoneProblem(request.phone())
          .ifPresent(
              p -> {
                throw ApiException.badRequest("phone", "phone: " + p);
              });
    }
    if (request.timeZone() != null) {
      ContactFields.timeZoneProblem(request.timeZone())
          .ifPresent(
              p -> {
                throw ApiException.badRequest("timeZone", "timeZone: " + p);
              });
    }
    try {
      return db.transaction(
          tx ->
              tx.one(
                      Queries.CONTACT_INSERT,
                      Contact::of,
                      tenantId,
                      email,
                      request.firstName(),
                      request.lastName(),
                      request.phone(),
                      request.description(),
                      request.company(),
                      request.timeZone(),
                      request.tags() == null ? List.of() : request.tags(),
                      Rows.jsonb(request.attributes() == null ? Map.of() : request.attributes()),
                      request.consent() == null ? "granted" : request.consent())
                  .orElseThrow());
    } catch (DataException e) {
      if (e.isUniqueViolation()) {
        throw ApiException.conflict("email", "email: a contact with " + email + " already exists");
      }
      throw e;
    }
  }

  Contact update(UUID tenantId, UUID id, ContactRequests.Update request) {
    checkPhoneAndZone(request.phone(), request.timeZone());
    return db.transaction(
            tx ->
                tx.one(
                    Queries.CONTACT_UPDATE,
                    Contact::of,
                    request.firstName(),
                    request.lastName(),
                    request.phone(),
                    request.description(),
                    request.company(),
                    request.timeZone(),
                    request.tags(),
                    request.attributes() == null ? null : Rows.jsonb(request.attributes()),
                    request.consent(),
                    request.consent(),
                    request.consent(),
                    request.optedOut(),
                    request.optedOut(),
                    request.optedOut(),
                    tenantId,
                    id))
        .orElseThrow(() -> ApiException.notFound("contact", id));
  }

  Page<Contact> page(UUID tenantId, String email, Page.Request page) {
    String wanted = email == null ? null : email.strip().toLowerCase(java.util.Locale.ROOT);
    List<Contact> items =
        db.transaction(
            tx ->
                tx.list(
                    Queries.CONTACT_PAGE,
                    Contact::of,
                    tenantId,
                    wanted,
                    wanted,
                    page.limit(),
                    page.offset()));
    return new Page<>(items, page.limit(), page.offset());
  }

  private static void checkPhoneAndZone(String phone, String timeZone) {
    if (phone != null) {
      ContactFields.phoneProblem(phone)
          .ifPresent(
              p -> {
                throw ApiException.badRequest("phone", "phone: " + p);
              });
    }
    if (timeZone != null) {
      ContactFields.timeZoneProblem(timeZone)
          .ifPresent(
              p -> {
                throw ApiException.badRequest("timeZone", "timeZone: " + p);
              });
    }
  }

  public Contact get(UUID tenantId, UUID id) {
    return db.transaction(tx -> tx.one(Queries.CONTACT_BY_ID, Contact::of, tenantId, id))
        .orElseThrow(() -> ApiException.notFound("contact", id));
  }
}
