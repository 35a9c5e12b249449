package dev.heron.api.contact;

import dev.heron.api.list.ListService;
import dev.heron.api.tenant.CurrentTenant;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.InputStream;
import java.util.UUID;

/** CSV imports: the body is streamed, never held in memory. */
@Controller("/api")
class ImportController {
  private final ContactImporter importer;
  private final ListService lists;

  ImportController(ContactImporter importer, ListService lists) {
    this.importer = importer;
    this.lists = lists;
  }

  /** {@code ?list=} names a static list (by id or name) that every imported row joins. */
  @Post("/contacts/import")
  @Consumes({"text/csv", "text/plain", "application/octet-stream"})
  @ExecuteOn(TaskExecutors.BLOCKING)
  HttpResponse<ContactImport> importCsv(
      CurrentTenant tenant, @Nullable @QueryValue("list") String list, @Body InputStream body) {
    UUID listId = list == null ? null : lists.resolveStatic(tenant.id(), list, "list");
    return HttpResponse.created(importer.importCsv(tenant.id(), listId, body));
  }

  @Get("/imports/{id}")
  ContactImport get(CurrentTenant tenant, UUID id) {
    return importer.find(tenant.id(), id);
  }
}
