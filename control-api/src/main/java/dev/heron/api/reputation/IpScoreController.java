package dev.heron.api.reputation;

import dev.heron.api.tenant.CurrentTenant;
import dev.heron.events.IpScore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.SerdeImport;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;

/**
 * Sending-IP reputation as the reputation job computes it: per IP and mailbox provider over a
 * rolling 24 hours, as {@link IpScore}s, the same values the job publishes on heron.ip-scores. A
 * tenant sees the IPs of its own pools and of shared ones.
 */
@SerdeImport(IpScore.class)
@Controller("/api/ip-scores")
class IpScoreController {
  private final IpScoreService service;

  IpScoreController(IpScoreService service) {
    this.service = service;
  }

  @Get
  @Operation(summary = "The current score of every IP x provider the tenant sends from")
  List<IpScore> current(CurrentTenant tenant) {
    return service.current(tenant.id());
  }

  @Get("/{ip}/history")
  @Operation(
      summary = "Score snapshots of one IP, newest first (from, to: ISO-8601; default 7 days)")
  List<IpScore> history(
      CurrentTenant tenant,
      String ip,
      @Nullable @QueryValue String from,
      @Nullable @QueryValue String to,
      @Nullable @QueryValue Integer limit) {
    return service.history(tenant.id(), ip, from, to, limit, Instant.now());
  }
}
