package dev.heron.api.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heron.api.error.ApiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportRowTest {
  private final ImportHeader header =
      ImportHeader.of(List.of("Email", "First Name", "lastName", "tags", "Plan", "time-zone"));

  @Test
  void knownColumnsAreRecognisedWhateverTheirSpellingAndTheRestAreAttributes() {
    ImportRow.Parsed parsed =
        ImportRow.parse(
            header,
            2,
            List.of(" Ana@Example.TEST ", "Ana", "", "vip; news;;vip", "pro", "Europe/Paris"));
    assertThat(parsed.problems()).isEmpty();
    ImportRow row = parsed.row().orElseThrow();
    assertThat(row.email()).isEqualTo("ana@example.test");
    assertThat(row.firstName()).isEqualTo("Ana");
    assertThat(row.lastName()).isNull();
    assertThat(row.tags()).isEqualTo("vip;news");
    assertThat(row.timeZone()).isEqualTo("Europe/Paris");
    assertThat(row.attributes()).isEqualTo(Map.of("Plan", "pro"));
  }

  @Test
  void everyProblemOfARowIsReportedWithItsLineAndField() {
    ImportRow.Parsed parsed =
        ImportRow.parse(header, 7, List.of("ana@", "Ana", "", "", "", "Nowhere/City"));
    assertThat(parsed.row()).isEmpty();
    assertThat(parsed.problems())
        .extracting(ImportRow.Problem::line, ImportRow.Problem::field)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple(7L, "email"),
            org.assertj.core.api.Assertions.tuple(7L, "time_zone"));
    assertThat(ImportRow.parse(header, 8, List.of("a@b.test")).problems())
        .singleElement()
        .satisfies(p -> assertThat(p.reason()).contains("expected 6 fields", "found 1"));
  }

  @Test
  void aNulCharacterRefusesTheRowNamingTheField() {
    ImportRow.Parsed parsed =
        ImportRow.parse(header, 9, List.of("ana@example.test", "A\0na", "", "", "", ""));
    assertThat(parsed.row()).isEmpty();
    assertThat(parsed.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(9);
              assertThat(p.reason()).contains("field 2", "NUL");
            });
  }

  @Test
  void aHeaderNeedsAnEmailColumnAndUniqueNames() {
    assertThatThrownBy(() -> ImportHeader.of(List.of("name", "phone")))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).field()).isEqualTo("email"));
    assertThatThrownBy(() -> ImportHeader.of(List.of("email", "First Name", "first_name")))
        .hasMessageContaining("appears twice");
    assertThatThrownBy(() -> ImportHeader.of(List.of("email", " ")))
        .hasMessageContaining("column 2 has no name");
  }

  @Test
  void emailsAreLowerCasedAndChecked() {
    assertThat(Emails.normalize(" Ana.Lima+news@Mail.Example.COM "))
        .contains("ana.lima+news@mail.example.com");
    assertThat(Emails.normalize("ana@localhost")).isEmpty();
    assertThat(Emails.normalize("ana@@example.com")).isEmpty();
    assertThat(Emails.normalize("a b@example.com")).isEmpty();
    assertThat(Emails.normalize(".ana@example.com")).isEmpty();
    assertThat(Emails.normalize(null)).isEmpty();
  }
}
