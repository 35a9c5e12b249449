package dev.heron.senders.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.senders.store.JdbcWarmupLedger;
import dev.heron.senders.store.SendersQueries;
import dev.heron.senders.world.TestInfra;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class JdbcWarmupLedgerTest {
  @Test
  void aCapHoldsExactlyUnderConcurrentSenders() throws Exception {
    // Two ledgers stand for two sender instances sharing the database.
    JdbcWarmupLedger a = new JdbcWarmupLedger(TestInfra.database(), SendersQueries.load());
    JdbcWarmupLedger b = new JdbcWarmupLedger(TestInfra.database(), SendersQueries.load());
    String ip = "test-" + UUID.randomUUID();
    LocalDate day = LocalDate.of(2026, 11, 23);
    ExecutorService threads = Executors.newFixedThreadPool(6);
    List<Future<Boolean>> takes = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      JdbcWarmupLedger ledger = i % 2 == 0 ? a : b;
      takes.add(threads.submit(() -> ledger.take(ip, day, 50)));
    }
    int granted = 0;
    for (Future<Boolean> take : takes) {
      granted += take.get() ? 1 : 0;
    }
    threads.shutdown();

    assertThat(granted).isEqualTo(50);
    assertThat(a.take(ip, day.plusDays(1), 50)).as("a new day, a new allowance").isTrue();
    assertThat(a.take(ip, day, 0)).isFalse();
  }
}
