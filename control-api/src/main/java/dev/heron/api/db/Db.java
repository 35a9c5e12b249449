package dev.heron.api.db;

import dev.heron.sql.NamedQueries;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs the service's hand-written SQL (the named blocks of {@code db/queries/control-api.sql}) in
 * explicit transactions on the connection pool. Each unit of work commits on its own, which is what
 * the importer (a commit per batch, so progress is visible) and the dispatcher (commit only after
 * Kafka acknowledged) need.
 */
@Singleton
public class Db {
  private final DataSource pool;
  private final NamedQueries queries;

  @Inject
  public Db(DataSource dataSource, DataSourceResolver resolver) {
    this(resolver.resolve(dataSource), NamedQueries.load("control-api", Queries.ALL));
  }

  private Db(DataSource pool, NamedQueries queries) {
    this.pool = pool;
    this.queries = queries;
  }

  /**
   * The same pool running the blocks of another query file ({@code db/queries/<file>.sql}), each of
   * {@code required} checked now, so that a feature keeps its SQL in a file of its own.
   */
  public Db withQueries(String file, String... required) {
    return new Db(pool, NamedQueries.load(file, required));
  }

  /** Work done in one transaction: committed when it returns, rolled back when it throws. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Tx tx) throws SQLException;
  }

  public <T> T transaction(Work<T> work) {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(new Tx(connection, queries));
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      throw new DataException(e);
    }
  }

  /**
   * The named queries on a connection whose transaction someone else manages (a Micronaut Data
   * {@code @Transactional} method's): for work that must commit or roll back with it.
   */
  public Tx on(Connection connection) {
    return new Tx(connection, queries);
  }

  private static void rollbackQuietly(Connection connection, Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
    }
  }
}
