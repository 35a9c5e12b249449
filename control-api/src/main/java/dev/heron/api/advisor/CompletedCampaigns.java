package dev.heron.api.advisor;

import dev.heron.api.db.Db;
import dev.heron.api.db.Rows;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the advisor once more for each campaign that completed since it last ran, whoever completed
 * it: the campaign's state is the signal, so no other part of the service has to call in.
 */
@Singleton
class CompletedCampaigns {
  private static final Logger LOG = LoggerFactory.getLogger(CompletedCampaigns.class);

  private record Completed(UUID tenantId, UUID campaignId) {}

  private final Db db;
  private final AdvisorService advisor;

  CompletedCampaigns(Db db, AdvisorService advisor) {
    this.db = db.withQueries("reads", "advisor-completed-unchecked");
    this.advisor = advisor;
  }

  @Scheduled(fixedDelay = "30s", initialDelay = "10s")
  void advise() {
    List<Completed> due =
        db.transaction(
            tx ->
                tx.list(
                    "advisor-completed-unchecked",
                    row -> new Completed(Rows.uuid(row, "tenant_id"), Rows.uuid(row, "id"))));
    for (Completed c : due) {
      try {
        advisor.run(c.tenantId(), c.campaignId());
      } catch (RuntimeException e) {
        LOG.warn("advisor run for completed campaign {} failed: {}", c.campaignId(), e.toString());
      }
    }
  }
}
