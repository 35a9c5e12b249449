package dev.heron.senders;

import dev.heron.events.TrackingLinks;
import dev.heron.senders.content.TemplateCatalog;
import dev.heron.senders.delivery.DeliveryManager;
import dev.heron.senders.dns.MxResolver;
import dev.heron.senders.dns.ProviderRules;
import dev.heron.senders.kafka.DeliveryLoop;
import dev.heron.senders.kafka.KafkaEventSink;
import dev.heron.senders.routing.RoundRobinIpSelector;
import dev.heron.senders.smtp.EmailComposer;
import dev.heron.senders.smtp.ReplyClassifier;
import dev.heron.senders.smtp.SmtpConnections;
import dev.heron.senders.smtp.SmtpMessenger;
import dev.heron.senders.store.JdbcDeliveryStore;
import dev.heron.senders.store.JdbcSendingIps;
import dev.heron.senders.store.JdbcTemplateSource;
import dev.heron.senders.store.SendersQueries;
import dev.heron.sql.NamedQueries;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;

/**
 * One running senders instance: the Kafka delivery loop over the manager, the SMTP messenger and
 * the PostgreSQL store, wired from a {@link SendersConfig}. The service and the tests start the
 * same engine.
 */
public final class SendersEngine implements AutoCloseable {
  private final KafkaEventSink sink;
  private final SmtpMessenger email;
  private final DeliveryLoop loop;
  private final Thread thread;

  public SendersEngine(SendersConfig config, DataSource dataSource) {
    NamedQueries sql = SendersQueries.load();
    TrackingLinks tracking = new TrackingLinks(config.publicUrl(), config.trackingSecret());
    this.sink = new KafkaEventSink(config.kafkaBootstrap(), config.instance());
    this.email =
        new SmtpMessenger(
            new MxResolver(MxResolver.resolverFor(config.dnsServer()), ProviderRules.standard()),
            new RoundRobinIpSelector(
                new JdbcSendingIps(dataSource, sql),
                RoundRobinIpSelector.parseList(config.sendingIps()),
                Clock.systemUTC()),
            new EmailComposer(),
            new SmtpConnections(SmtpConnections.Options.forPort(config.smtpPort())),
            new ReplyClassifier());
    DeliveryManager manager =
        new DeliveryManager(
            new JdbcDeliveryStore(dataSource, sql),
            new TemplateCatalog(new JdbcTemplateSource(dataSource, sql)),
            tracking,
            List.of(email),
            sink,
            config.retry(),
            config.instance());
    this.loop =
        new DeliveryLoop(
            config.kafkaBootstrap(),
            config.consumerGroup(),
            config.tenantScope(),
            config.instance(),
            manager,
            sink);
    this.thread = new Thread(loop, "delivery-loop");
  }

  public SendersEngine start() {
    thread.start();
    return this;
  }

  public boolean healthy() {
    return thread.isAlive() && loop.healthy();
  }

  @Override
  public void close() {
    if (thread.isAlive()) {
      loop.close();
    }
    email.close();
    sink.close();
  }
}
