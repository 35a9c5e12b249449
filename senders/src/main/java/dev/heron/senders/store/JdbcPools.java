package dev.heron.senders.store;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.heron.events.MessageClass;
import dev.heron.events.SendRequest;
import dev.heron.senders.delivery.StoreUnavailableException;
import dev.heron.senders.routing.ScoredIpSelector;
import dev.heron.senders.routing.SendingIp;
import dev.heron.sql.NamedQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The IP pool of each sender identity and traffic class ({@code sender_identities} → {@code
 * ip_pools} → {@code sending_ips}), re-read every half minute.
 */
public final class JdbcPools implements ScoredIpSelector.Pools {
  private record Key(UUID tenantId, String domain, MessageClass messageClass) {}

  private final DataSource dataSource;
  private final NamedQueries sql;
  private final LoadingCache<Key, List<SendingIp>> cache;

  public JdbcPools(DataSource dataSource, NamedQueries sql) {
    this.dataSource = dataSource;
    this.sql = sql;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(30))
            .build(this::load);
  }

  @Override
  public List<SendingIp> poolOf(SendRequest request, MessageClass messageClass) {
    if (request.senderIdentity() == null) {
      return List.of();
    }
    return cache.get(
        new Key(
            request.tenantId(), request.senderIdentity().toLowerCase(Locale.ROOT), messageClass));
  }

  private List<SendingIp> load(Key key) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.get(SendersQueries.IDENTITY_POOL_IPS))) {
      s.setString(1, key.messageClass().wireName());
      s.setObject(2, key.tenantId());
      s.setString(3, key.domain());
      List<SendingIp> ips = new ArrayList<>();
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          ips.add(new SendingIp(rows.getString("ip"), rows.getString("helo_name")));
        }
      }
      return List.copyOf(ips);
    } catch (SQLException e) {
      throw new StoreUnavailableException("cannot read the IP pool of " + key, e);
    }
  }
}
