package dev.heron.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamedQueriesTest {
  private static final String FILE =
      """
      -- name: first
      -- The first query.
      SELECT 1
      FROM t
      WHERE a = ?;

      -- name: second
      -- The second.
      UPDATE t SET a = 2
      """;

  @Test
  void splitsNamedBlocksAndDropsCommentsAndTheSemicolon() {
    NamedQueries queries = NamedQueries.parse("demo", FILE);

    assertThat(queries.all()).containsOnlyKeys("first", "second");
    assertThat(queries.get("first")).isEqualTo("SELECT 1\nFROM t\nWHERE a = ?");
    assertThat(queries.get("second")).isEqualTo("UPDATE t SET a = 2");
  }

  @Test
  void aMissingNameFailsNamingTheFileAndWhatItHas() {
    NamedQueries queries = NamedQueries.parse("demo", FILE);

    assertThatThrownBy(() -> queries.get("third"))
        .hasMessageContaining("'third'")
        .hasMessageContaining("demo.sql")
        .hasMessageContaining("[first, second]");
  }

  @Test
  void aNameUsedTwiceIsRefused() {
    assertThatThrownBy(() -> NamedQueries.parse("demo", FILE + "\n-- name: first\nSELECT 2\n"))
        .hasMessageContaining("named twice");
  }

  @Test
  void loadChecksRequiredNamesAtOnce() {
    assertThatThrownBy(() -> NamedQueries.load("no-such-file"))
        .hasMessageContaining("db/queries/no-such-file.sql");
  }
}
