package dev.heron.api.dispatch;

import dev.heron.api.campaign.CampaignService;
import dev.heron.api.db.Db;
import dev.heron.api.db.Queries;
import dev.heron.events.SendRequest;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves due send-queue rows of running campaigns to {@link Topics#SENDS}, in batches: in one
 * transaction it locks a batch ({@code FOR UPDATE SKIP LOCKED}, so several instances share the
 * work), publishes a {@link SendRequest} per row keyed by recipient id, waits for Kafka's
 * acknowledgements and only then marks the rows dispatched and commits. A crash between the two
 * sends the batch again; the senders de-duplicate on the message id.
 *
 * <p>Each tick also starts scheduled campaigns whose time has come and plans the held-back rest of
 * campaigns whose A/B test was decided. Pause, resume and cancel act through the campaign's status,
 * which every batch query checks: they take effect at the next tick (250 ms), apart from a batch
 * already being published.
 *
 * <p>Completion (a running campaign with nothing left to dispatch and an outcome for every
 * recipient becomes {@code completed}) is not detected yet: it needs the delivery outcomes, which
 * arrive on {@code heron.events}.
 */
@Singleton
@Requires(property = "heron.dispatcher.enabled", notEquals = "false")
public class Dispatcher implements ApplicationEventListener<ServerStartupEvent> {
  static final int BATCH_SIZE = 500;
  private static final long TICK_MILLIS = 250;

  /** Batches per tick at most, so that one busy campaign cannot hold the loop forever. */
  private static final int MAX_BATCHES_PER_TICK = 20;

  private static final long ACK_TIMEOUT_SECONDS = 30;
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final Db db;
  private final CampaignService campaigns;
  private final Producer<String, byte[]> producer;
  private final ScheduledExecutorService loop =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "dispatcher");
            t.setDaemon(true);
            return t;
          });

  Dispatcher(Db db, CampaignService campaigns, Producer<String, byte[]> producer) {
    this.db = db;
    this.campaigns = campaigns;
    this.producer = producer;
  }

  @Override
  public void onApplicationEvent(ServerStartupEvent event) {
    loop.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    LOG.info("dispatcher started: every {} ms, batches of {}", TICK_MILLIS, BATCH_SIZE);
  }

  @PreDestroy
  void stop() throws InterruptedException {
    loop.shutdown();
    loop.awaitTermination(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private void tick() {
    try {
      startScheduledCampaigns();
      planDecidedTests();
      for (int i = 0; i < MAX_BATCHES_PER_TICK; i++) {
        if (dispatchBatch() < BATCH_SIZE) {
          break;
        }
      }
    } catch (RuntimeException e) {
      // The rows stay undispatched and the next tick tries again.
      LOG.warn("dispatch failed, will retry: {}", e.getMessage(), e);
    }
  }

  void startScheduledCampaigns() {
    int started = db.transaction(tx -> tx.update(Queries.CAMPAIGNS_START_SCHEDULED));
    if (started > 0) {
      LOG.info("{} scheduled campaign(s) started", started);
    }
  }

  /** A decided A/B test: the audience held back for it is planned with the winner. */
  void planDecidedTests() {
    int planned = campaigns.planDecidedTests();
    if (planned > 0) {
      LOG.info("{} campaign(s) planned their held-back audience with the A/B winner", planned);
    }
  }

  /** Publishes one batch and returns its size. */
  int dispatchBatch() {
    return db.transaction(
        tx -> {
          List<DueMessage> due = tx.list(Queries.DISPATCH_DUE, DueMessage::of, BATCH_SIZE);
          if (due.isEmpty()) {
            return 0;
          }
          Instant now = Instant.now();
          List<Future<RecordMetadata>> acks = new ArrayList<>(due.size());
          List<UUID> ids = new ArrayList<>(due.size());
          for (DueMessage message : due) {
            SendRequest request = message.toSendRequest(now);
            acks.add(
                producer.send(
                    new ProducerRecord<>(
                        Topics.SENDS,
                        message.recipientId().toString(),
                        WireCodec.SENDS.encode(request))));
            ids.add(message.recipientId());
          }
          producer.flush();
          awaitAcks(acks);
          tx.update(Queries.DISPATCH_MARK, ids);
          LOG.debug("dispatched {} message(s)", due.size());
          return due.size();
        });
  }

  private static void awaitAcks(List<Future<RecordMetadata>> acks) {
    for (Future<RecordMetadata> ack : acks) {
      try {
        ack.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Kafka", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("Kafka did not acknowledge a send request: " + e, e);
      }
    }
  }
}
