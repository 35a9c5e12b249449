package dev.heron.api.planning;

import dev.heron.api.db.Db;
import dev.heron.api.db.Queries;
import dev.heron.api.db.Rows;
import dev.heron.api.tenant.CurrentTenant;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import jakarta.validation.Valid;

/** The tenant's marketing frequency cap, which every plan applies. */
@Controller("/api/settings/frequency-cap")
class FrequencyCapController {
  private final Db db;

  FrequencyCapController(Db db) {
    this.db = db;
  }

  @Get
  FrequencyCap get(CurrentTenant tenant) {
    return db.transaction(tx -> Planner.frequencyCap(tx, tenant.id()));
  }

  @Put
  FrequencyCap set(CurrentTenant tenant, @Valid @Body FrequencyCap cap) {
    db.transaction(tx -> tx.update(Queries.TENANT_SET_FREQUENCY_CAP, Rows.jsonb(cap), tenant.id()));
    return get(tenant);
  }
}
