package dev.heron.jobs.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.jobs.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A lookup whose connection the database dropped goes on reading, on a new connection. */
class LookupStatementTest {
  @Test
  void aConnectionTheDatabaseDroppedIsOpenedAgain() throws Exception {
    try (LookupStatement lookup = new LookupStatement(JobQueries.FIND_CONTACT_ZONE)) {
      Connection first = lookup.statement().getConnection();
      int backend;
      try (Statement s = first.createStatement();
          ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        backend = rs.getInt(1);
      }
      try (Connection admin = TestDatabase.connect();
          PreparedStatement kill = admin.prepareStatement("SELECT pg_terminate_backend(?, 5000)")) {
        kill.setInt(1, backend);
        try (ResultSet rs = kill.executeQuery()) {
          rs.next();
          assertThat(rs.getBoolean(1)).as("backend %d terminated", backend).isTrue();
        }
      }

      PreparedStatement again = lookup.statement();
      assertThat(again.getConnection()).isNotSameAs(first);
      again.setObject(1, UUID.randomUUID());
      again.setObject(2, UUID.randomUUID());
      try (ResultSet rs = again.executeQuery()) {
        assertThat(rs.next()).as("no such contact").isFalse();
      }
    }
  }
}
