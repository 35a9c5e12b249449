package dev.heron.jobs.sendtime;

import dev.heron.jobs.storage.JobQueries;
import dev.heron.jobs.storage.LookupStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

/** Reads {@code contacts.time_zone}; the job asks once per contact and day at most. */
public final class JdbcContactZones implements ContactZones {
  private transient LookupStatement lookup;

  @Override
  public void open() throws SQLException {
    lookup = new LookupStatement(JobQueries.FIND_CONTACT_ZONE);
  }

  @Override
  public Optional<ZoneId> zoneOf(String tenantId, String contactId) throws SQLException {
    if (lookup == null) {
      open();
    }
    PreparedStatement statement = lookup.statement();
    statement.setObject(1, UUID.fromString(contactId));
    statement.setObject(2, UUID.fromString(tenantId));
    try (ResultSet rs = statement.executeQuery()) {
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
    if (lookup != null) {
      lookup.close();
      lookup = null;
    }
  }
}
