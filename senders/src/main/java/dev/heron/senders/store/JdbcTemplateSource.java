package dev.heron.senders.store;

import dev.heron.senders.content.TemplateSource;
import dev.heron.senders.content.TemplateVersion;
import dev.heron.senders.delivery.StoreUnavailableException;
import dev.heron.sql.NamedQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Template versions from {@code template_versions}. */
public final class JdbcTemplateSource implements TemplateSource {
  private final DataSource dataSource;
  private final NamedQueries sql;

  public JdbcTemplateSource(DataSource dataSource, NamedQueries sql) {
    this.dataSource = dataSource;
    this.sql = sql;
  }

  @Override
  public Optional<TemplateVersion> find(UUID templateId, int version) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.get(SendersQueries.TEMPLATE_VERSION))) {
      s.setObject(1, templateId);
      s.setInt(2, version);
      s.setInt(3, version);
      try (ResultSet row = s.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new TemplateVersion(
                row.getObject("template_id", UUID.class),
                row.getInt("version"),
                row.getString("channel"),
                row.getString("subject"),
                row.getString("html_body"),
                row.getString("text_body")));
      }
    } catch (SQLException e) {
      throw new StoreUnavailableException(
          "cannot read template " + templateId + " version " + version + ": " + e.getMessage(), e);
    }
  }
}
