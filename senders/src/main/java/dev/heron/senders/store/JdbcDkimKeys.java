package dev.heron.senders.store;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.heron.senders.delivery.StoreUnavailableException;
import dev.heron.senders.dkim.DkimKey;
import dev.heron.senders.dkim.DkimKeys;
import dev.heron.sql.NamedQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DKIM keys from {@code sender_identities} (selector and PKCS#8 PEM key), cached for a few minutes
 * so that a campaign reads each identity's key once while a rotated key is still picked up.
 */
public final class JdbcDkimKeys implements DkimKeys {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcDkimKeys.class);

  private record Identity(UUID tenantId, String domain) {}

  private final DataSource dataSource;
  private final NamedQueries sql;
  private final LoadingCache<Identity, Optional<DkimKey>> cache;

  public JdbcDkimKeys(DataSource dataSource, NamedQueries sql) {
    this.dataSource = dataSource;
    this.sql = sql;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(5))
            .build(this::load);
  }

  @Override
  public Optional<DkimKey> keyFor(UUID tenantId, String domain) {
    return cache.get(new Identity(tenantId, domain.toLowerCase(Locale.ROOT)));
  }

  private Optional<DkimKey> load(Identity identity) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.get(SendersQueries.DKIM_KEY))) {
      s.setObject(1, identity.tenantId());
      s.setString(2, identity.domain());
      try (ResultSet row = s.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        String selector = row.getString("dkim_selector");
        String pem = row.getString("dkim_private_key");
        if (selector == null || pem == null || selector.isBlank() || pem.isBlank()) {
          return Optional.empty();
        }
        try {
          return Optional.of(new DkimKey(identity.domain(), selector, DkimKey.parsePem(pem)));
        } catch (IllegalArgumentException e) {
          LOG.warn("sender identity {} has an unusable DKIM key: {}", identity, e.getMessage());
          return Optional.empty();
        }
      }
    } catch (SQLException e) {
      throw new StoreUnavailableException("cannot read the DKIM key of " + identity, e);
    }
  }
}
