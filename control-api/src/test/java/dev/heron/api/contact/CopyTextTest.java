package dev.heron.api.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CopyTextTest {

  @Test
  void tabsNewlinesAndBackslashesAreEscapedAndNullIsBackslashN() {
    String text =
        new CopyText()
            .column("a\tb")
            .column(null)
            .column("line\r\nnext")
            .column("C:\\dir\\.")
            .endRow()
            .column("é")
            .endRow()
            .toString();

    assertThat(text).isEqualTo("a\\tb\t\\N\tline\\r\\nnext\tC:\\\\dir\\\\.\né\n");
  }

  @Test
  void aBatchIsStagedInTheStagingTablesColumnOrder() {
    ImportRow row =
        new ImportRow(
            2,
            "ana@gmail.test",
            "Ana",
            null,
            "+33612345678",
            "Acme",
            "Europe/Paris",
            "vip;news",
            Map.of("plan", "pro"));
    ImportRow bare =
        new ImportRow(3, "ben@outlook.test", null, null, null, null, null, null, Map.of());

    String staged = new String(ContactImporter.staged(List.of(row, bare)), StandardCharsets.UTF_8);

    assertThat(staged)
        .isEqualTo(
            "ana@gmail.test\tAna\t\\N\t+33612345678\tAcme\tEurope/Paris\tvip;news\t{\"plan\":\"pro\"}\n"
                + "ben@outlook.test\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\n");
  }
}
