package dev.heron.jobs.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.jobs.insights.Counter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobQueriesTest {
  @Test
  void theUpsertListsTheCountersInTheOrderTheBinderSetsThem() {
    String sql = JobQueries.load().get(JobQueries.UPSERT_INSIGHT_BUCKET);
    String columns = sql.substring(sql.indexOf('(') + 1, sql.indexOf(')'));
    List<String> names = Arrays.stream(columns.split(",")).map(String::strip).toList();

    assertThat(names.subList(0, 7))
        .containsExactly(
            "bucket",
            "tenant_id",
            "campaign_id",
            "channel",
            "provider",
            "sender_identity",
            "variant");
    assertThat(names.subList(7, 7 + Counter.values().length))
        .containsExactlyElementsOf(Arrays.stream(Counter.values()).map(Counter::column).toList());
    for (Counter counter : Counter.values()) {
      assertThat(sql).contains(counter.column() + " = EXCLUDED." + counter.column());
    }
  }

  @Test
  void theArchiveInsertForABatchWithADuplicateIgnoresAnEventAlreadyArchived() {
    assertThat(JobQueries.load().get(JobQueries.ARCHIVE_FROM_STAGING))
        .contains("ON CONFLICT (event_id, occurred_at) DO NOTHING");
  }
}
