package dev.heron.api.template;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.heron.api.db.Db;
import dev.heron.api.tenant.Tenant;
import dev.heron.events.Channel;
import dev.heron.events.Json;
import io.micronaut.data.event.listeners.PostPersistEventListener;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The default templates every tenant starts with ({@code template/library.json}), created in the
 * same transaction as the tenant when it is onboarded. The library is checked when the service
 * starts, so a template with a bad variable stops it there.
 */
@Singleton
class TemplateLibrary implements PostPersistEventListener<Tenant> {
  static final String RESOURCE = "template/library.json";

  /** One template of the library; its channel's rules apply as to any other. */
  record Entry(
      String name, String channel, String subject, String html, String text, String mediaUrl) {
    TemplateContent content() {
      return new TemplateContent(subject, html, text, mediaUrl);
    }
  }

  private final Db db;
  private final DataSource transactional;
  private final List<Entry> entries;

  /**
   * {@code dataSource} is Micronaut's transaction-bound one: it hands out the tenant's transaction.
   */
  TemplateLibrary(Db db, DataSource dataSource) {
    this.db = db;
    this.transactional = dataSource;
    this.entries = load();
    for (Entry entry : entries) {
      TemplateService.checked(Channel.fromWire(entry.channel()), entry.content());
    }
  }

  List<Entry> entries() {
    return entries;
  }

  @Override
  public void postPersist(Tenant tenant) {
    try {
      var tx = db.on(transactional.getConnection());
      for (Entry entry : entries) {
        Channel channel = Channel.fromWire(entry.channel());
        TemplateService.insert(
            tx,
            tenant.id(),
            entry.name(),
            channel,
            entry.content(),
            TemplateService.checked(channel, entry.content()));
      }
    } catch (SQLException e) {
      throw new dev.heron.api.db.DataException(e);
    }
  }

  static List<Entry> load() {
    try (InputStream in = TemplateLibrary.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing");
      }
      return List.copyOf(Json.mapper().readValue(in, new TypeReference<List<Entry>>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
