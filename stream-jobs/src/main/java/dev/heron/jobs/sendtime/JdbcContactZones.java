package dev.heron.jobs.sendtime;

import dev.heron.events.Settings;
import dev.heron.jobs.storage.JobQueries;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

/** Reads {@code contacts.time_zone}; the job asks once per contact and day at most. */
public final class JdbcContactZones implements ContactZones {
  private transient Connection connection;
  private transient PreparedStatement find;

  @Override
  public void open() throws SQLException {
    connection =
        DriverManager.getConnection(
            Settings.get(Settings.DB_URL),
            Settings.get(Settings.DB_USER),
            Settings.get(Settings.DB_PASSWORD));
    find = connection.prepareStatement(JobQueries.load().get(JobQueries.FIND_CONTACT_ZONE));
  }

  @Override
  public Optional<ZoneId> zoneOf(String tenantId, String contactId) throws SQLException {
    if (connection == null || !connection.isValid(2)) {
      close();
      open();
    }
    find.setObject(1, UUID.fromString(contactId));
    find.setObject(2, UUID.fromString(tenantId));
    try (ResultSet rs = find.executeQuery()) {
      if (!rs.next() || rs.getString(1) == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(ZoneId.of(rs.getString(1).strip()));
      } catch (DateTimeException e) {
        return Optional.empty(); // a zone Java does not know: the contact counts in UTC
      }
    }
  }

  @Override
  public void close() throws SQLException {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }
}
