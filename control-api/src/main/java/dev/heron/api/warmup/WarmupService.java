package dev.heron.api.warmup;

import dev.heron.api.db.Db;
import dev.heron.api.error.ApiException;
import dev.heron.api.reputation.SendingIps;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * IP warmups. A tenant may warm up the IPs of its own pools; an address not yet known becomes a
 * dedicated IP in the tenant's own pool (bringing a new IP is when one warms up). Shared IPs are
 * the operator's: visible in the status, not started here. The warmup guard job then moves the
 * schedule day, applies the caps and pauses on bounce or complaint spikes.
 */
@Singleton
class WarmupService {
  static final String DEDICATED_POOL = "dedicated";

  private final Db db;

  WarmupService(Db db) {
    this.db =
        db.withQueries(
            "reads",
            "warmup-status",
            "ip-visible",
            "ip-exists",
            "tenant-pool",
            "ip-register",
            "warmup-start",
            "warmup-exists");
  }

  List<WarmupViews.Status> status(UUID tenantId) {
    return db.transaction(tx -> tx.list("warmup-status", WarmupViews.Status::of, tenantId));
  }

  WarmupViews.Status start(UUID tenantId, WarmupViews.Start request) {
    String ip = SendingIps.checked(request.ip(), "ip");
    List<WarmupSchedule.Step> schedule =
        request.schedule() == null
            ? WarmupSchedule.standard()
            : WarmupSchedule.checked(request.schedule());
    boolean restart = Boolean.TRUE.equals(request.restart());
    db.transaction(
        tx -> {
          Optional<Boolean> shared =
              tx.one("ip-visible", row -> row.getBoolean("shared"), ip, tenantId);
          if (shared.isEmpty()) {
            if (tx.one("ip-exists", row -> true, ip).isPresent()) {
              throw ApiException.notFound("sending IP", ip);
            }
            java.util.UUID pool =
                tx.one(
                        "tenant-pool",
                        row -> dev.heron.api.db.Rows.uuid(row, "id"),
                        tenantId,
                        DEDICATED_POOL,
                        "marketing")
                    .orElseThrow();
            tx.update("ip-register", ip, pool);
          } else if (shared.get()) {
            throw ApiException.conflict(
                "ip", "ip: " + ip + " is a shared IP; its warmup is managed by the operator");
          } else if (!restart && tx.one("warmup-exists", row -> true, ip).isPresent()) {
            throw ApiException.conflict(
                "ip",
                "ip: " + ip + " is already warming up; set restart to start again from day 1");
          }
          return tx.update(
              "warmup-start", ip, WarmupSchedule.json(schedule), WarmupSchedule.firstCap(schedule));
        });
    return status(tenantId).stream()
        .filter(s -> s.ip().equals(ip))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("warmup of " + ip + " not found after start"));
  }
}
