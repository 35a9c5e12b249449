package dev.heron.api.similar;

import dev.heron.api.db.Db;
import dev.heron.api.db.Rows;
import dev.heron.api.error.ApiException;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Finds a tenant's past campaigns most like one, by pgvector cosine distance over {@code
 * campaigns.embedding}. Campaigns without an embedding of the current model (new ones, or all of
 * them after a change of provider) are embedded first, from their name, description, goal and
 * templates' subjects and texts.
 */
@Singleton
class SimilarCampaigns {
  static final int MAX_LIMIT = 50;

  @Serdeable
  record Similar(UUID id, String name, String status, Instant createdAt, double distance) {}

  private final Db db;
  private final EmbeddingProvider embeddings;

  SimilarCampaigns(Db db, EmbeddingProvider embeddings) {
    this.db =
        db.withQueries(
            "reads",
            "campaign-of-tenant",
            "campaigns-to-embed",
            "campaign-embed",
            "campaigns-similar");
    this.embeddings = embeddings;
  }

  List<Similar> similar(UUID tenantId, UUID campaignId, Integer limit) {
    int n = limit == null ? 10 : limit;
    if (n < 1 || n > MAX_LIMIT) {
      throw ApiException.badRequest(
          "limit", "limit: must be between 1 and " + MAX_LIMIT + ", was " + n);
    }
    return db.transaction(
        tx -> {
          if (tx.one("campaign-of-tenant", row -> true, tenantId, campaignId).isEmpty()) {
            throw ApiException.notFound("campaign", campaignId);
          }
          record Pending(UUID id, String text) {}
          List<Pending> pending;
          do {
            pending =
                tx.list(
                    "campaigns-to-embed",
                    row -> new Pending(Rows.uuid(row, "id"), row.getString("text")),
                    tenantId,
                    embeddings.model());
            for (Pending p : pending) {
              tx.update(
                  "campaign-embed", vector(embeddings.embed(p.text())), embeddings.model(), p.id());
            }
          } while (!pending.isEmpty());
          return tx.list(
              "campaigns-similar",
              row ->
                  new Similar(
                      Rows.uuid(row, "id"),
                      row.getString("name"),
                      row.getString("status"),
                      Rows.instant(row, "created_at"),
                      row.getDouble("distance")),
              tenantId,
              campaignId,
              n);
        });
  }

  /** pgvector's text form: {@code [0.1,0.2,...]}. */
  static String vector(float[] values) {
    StringBuilder text = new StringBuilder(values.length * 8).append('[');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(values[i]);
    }
    return text.append(']').toString();
  }
}
