package dev.heron.api.similar;

import dev.heron.api.tenant.CurrentTenant;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.UUID;

@Controller("/api/campaigns/{id}/similar")
class SimilarController {
  private final SimilarCampaigns similar;

  SimilarController(SimilarCampaigns similar) {
    this.similar = similar;
  }

  @Get
  @Operation(
      summary = "The tenant's campaigns most similar to this one, nearest first",
      description =
          "By cosine distance of embeddings of the campaigns' text (pgvector). Locally the"
              + " embedding is a deterministic hashing of words and word pairs, so it works offline.")
  List<SimilarCampaigns.Similar> similar(
      CurrentTenant tenant, UUID id, @Nullable @QueryValue Integer limit) {
    return similar.similar(tenant.id(), id, limit);
  }
}
