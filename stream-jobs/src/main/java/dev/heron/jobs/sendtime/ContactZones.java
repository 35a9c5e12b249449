package dev.heron.jobs.sendtime;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.Optional;

/** Where the job finds a contact's time zone: {@code contacts.time_zone} in production. */
public interface ContactZones extends Serializable, AutoCloseable {
  void open() throws Exception;

  /** The contact's zone, or nothing when it is unknown (or not a zone Java knows). */
  Optional<ZoneId> zoneOf(String tenantId, String contactId) throws Exception;

  @Override
  void close() throws Exception;
}
