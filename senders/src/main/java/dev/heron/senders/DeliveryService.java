package dev.heron.senders;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/** Runs the {@link SendersEngine} for the lifetime of the service. */
@Singleton
public class DeliveryService {
  private final DataSource dataSource;
  private volatile SendersEngine engine;

  DeliveryService(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    engine = new SendersEngine(SendersConfig.fromSettings(), dataSource).start();
  }

  public boolean healthy() {
    SendersEngine running = engine;
    return running != null && running.healthy();
  }

  @PreDestroy
  void stop() {
    SendersEngine running = engine;
    if (running != null) {
      running.close();
    }
  }
}
