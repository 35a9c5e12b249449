package dev.heron.senders;

import dev.heron.events.TrackingLinks;
import dev.heron.senders.content.TemplateCatalog;
import dev.heron.senders.delivery.ClaimLeases;
import dev.heron.senders.delivery.DeliveryManager;
import dev.heron.senders.delivery.OutcomeWriter;
import dev.heron.senders.delivery.RetryScheduler;
import dev.heron.senders.dns.MxResolver;
import dev.heron.senders.dns.ProviderRules;
import dev.heron.senders.kafka.DeliveryLoop;
import dev.heron.senders.kafka.KafkaEventSink;
import dev.heron.senders.kafka.ReputationFeed;
import dev.heron.senders.reports.BounceListener;
import dev.heron.senders.reports.LateReportHandler;
import dev.heron.senders.routing.ReputationBook;
import dev.heron.senders.routing.RoundRobinIpSelector;
import dev.heron.senders.routing.ScoredIpSelector;
import dev.heron.senders.shaping.ShapingRules;
import dev.heron.senders.shaping.TrafficShaper;
import dev.heron.senders.smtp.EmailComposer;
import dev.heron.senders.smtp.ReplyClassifier;
import dev.heron.senders.smtp.SmtpConnections;
import dev.heron.senders.smtp.SmtpMessenger;
import dev.heron.senders.store.JdbcDeliveryStore;
import dev.heron.senders.store.JdbcDkimKeys;
import dev.heron.senders.store.JdbcPools;
import dev.heron.senders.store.JdbcReportStore;
import dev.heron.senders.store.JdbcSendingIps;
import dev.heron.senders.store.JdbcTemplateSource;
import dev.heron.senders.store.JdbcWarmupLedger;
import dev.heron.senders.store.SendersQueries;
import dev.heron.sql.NamedQueries;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running senders instance: the Kafka delivery loop over the manager, the SMTP messenger and
 * the PostgreSQL store, wired from a {@link SendersConfig}. The service and the tests start the
 * same engine.
 */
public final class SendersEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SendersEngine.class);
  private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

  static {
    // Without it, Jakarta Mail asks the ServiceLoader (a scan of the class path) for its stream
    // provider each time it builds or parses a message: a large share of the cost of a message.
    if (System.getProperty(STREAM_PROVIDER) == null) {
      System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }

  private final KafkaEventSink sink;
  private final SmtpMessenger email;
  private final DeliveryLoop loop;
  private final Thread thread;
  private final KafkaEventSink reportSink;
  private final ReputationFeed feed;
  private final KafkaEventSink retrySink;
  private final RetryScheduler retries;
  private final Thread retryThread;
  private final Thread feedThread;
  private final BounceListener bounces;
  private final ClaimLeases leases;
  private final ScheduledExecutorService leaseRenewal;
  private final OutcomeWriter outcomes;

  public SendersEngine(SendersConfig config, DataSource dataSource) {
    NamedQueries sql = SendersQueries.load();
    TrackingLinks tracking = new TrackingLinks(config.publicUrl(), config.trackingSecret());
    this.sink = KafkaEventSink.sharedByBatches(config.kafkaBootstrap(), config.instance());
    ReputationBook book = new ReputationBook();
    TrafficShaper shaper =
        new TrafficShaper(ShapingRules.load(config.shapingRules()), Clock.systemUTC());
    this.feed = new ReputationFeed(config.kafkaBootstrap(), book);
    this.feedThread = new Thread(feed, "reputation-feed");
    feedThread.setDaemon(true);
    this.email =
        new SmtpMessenger(
            new MxResolver(MxResolver.resolverFor(config.dnsServer()), ProviderRules.standard()),
            new ScoredIpSelector(
                new JdbcPools(dataSource, sql),
                new RoundRobinIpSelector(
                    new JdbcSendingIps(dataSource, sql),
                    RoundRobinIpSelector.parseList(config.sendingIps()),
                    Clock.systemUTC()),
                book,
                new JdbcWarmupLedger(dataSource, sql),
                shaper,
                Clock.systemUTC()),
            new EmailComposer(),
            new SmtpConnections(SmtpConnections.Options.forPort(config.smtpPort())),
            new ReplyClassifier(),
            new JdbcDkimKeys(dataSource, sql),
            shaper);
    JdbcDeliveryStore store =
        new JdbcDeliveryStore(dataSource, sql, config.tenantScope(), config.claimLease());
    this.leases = new ClaimLeases();
    this.leaseRenewal = renewEvery(config.claimLease().dividedBy(4), store);
    this.outcomes = OutcomeWriter.grouped(store, "delivery-outcomes");
    TemplateCatalog templates = new TemplateCatalog(new JdbcTemplateSource(dataSource, sql));
    DeliveryManager manager =
        new DeliveryManager(
            store,
            templates,
            tracking,
            List.of(email),
            sink,
            config.retry(),
            config.instance(),
            leases,
            outcomes);
    // Retries report through a producer of their own: each flush confirms its own events.
    this.retrySink = new KafkaEventSink(config.kafkaBootstrap(), config.instance() + "-retries");
    this.retries =
        new RetryScheduler(
            new DeliveryManager(
                store,
                templates,
                tracking,
                List.of(email),
                retrySink,
                config.retry(),
                config.instance(),
                leases,
                outcomes),
            retrySink);
    this.retryThread = new Thread(retries, "delivery-retries");
    this.loop =
        new DeliveryLoop(
            config.kafkaBootstrap(),
            config.consumerGroup(),
            config.tenantScope(),
            config.instance(),
            manager,
            sink);
    this.thread = new Thread(loop, "delivery-loop");
    if (config.bouncePort() == SendersConfig.NO_LISTENER) {
      this.reportSink = null;
      this.bounces = null;
    } else {
      // A producer of its own: its flushes confirm the listener's events, not the loop's.
      this.reportSink = new KafkaEventSink(config.kafkaBootstrap(), config.instance() + "-reports");
      this.bounces =
          new BounceListener(
              anyAddress(), // providers reach it from outside
              config.bouncePort(),
              "bounces.heron",
              new LateReportHandler(new JdbcReportStore(dataSource, sql), reportSink));
    }
  }

  /** A thread that renews the leases of the messages in flight here, while this process lives. */
  private ScheduledExecutorService renewEvery(Duration period, JdbcDeliveryStore store) {
    ScheduledExecutorService renewal =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "claim-leases");
              t.setDaemon(true);
              return t;
            });
    renewal.scheduleWithFixedDelay(
        () -> {
          try {
            leases.renew(store);
          } catch (RuntimeException e) {
            // Not renewed in time, a lease lets another sender try the message: said loudly.
            LOG.warn("cannot renew the leases of the messages in flight: {}", e.toString());
          }
        },
        period.toMillis(),
        period.toMillis(),
        TimeUnit.MILLISECONDS);
    return renewal;
  }

  private static InetAddress anyAddress() {
    try {
      return InetAddress.getByName("0.0.0.0");
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  public SendersEngine start() {
    if (bounces != null) {
      bounces.start();
    }
    feedThread.start();
    if (!feed.awaitCaughtUp(Duration.ofSeconds(5))) {
      LOG.warn("IP scores and warmup states not loaded yet; routing without them for now");
    }
    thread.start();
    retryThread.start();
    return this;
  }

  /** The bounce listener's port, or -1 when there is none. */
  public int bouncePort() {
    return bounces == null ? -1 : bounces.port();
  }

  public boolean healthy() {
    return thread.isAlive() && loop.healthy();
  }

  @Override
  public void close() {
    if (thread.isAlive()) {
      loop.close();
    }
    if (retryThread.isAlive()) {
      retries.close();
    }
    if (feedThread.isAlive()) {
      feed.close();
    }
    if (bounces != null) {
      bounces.close();
      reportSink.close();
    }
    outcomes.close();
    leaseRenewal.shutdownNow();
    email.close();
    sink.close();
    retrySink.close();
  }
}
