package dev.heron.api.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.api.TestDb;
import io.micronaut.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever file is posted to {@code POST /api/contacts/import}, the answer is 201 with per-row
 * errors naming their line (and field), or a 400 naming the reason: never a 500, and never a valid
 * row lost or altered. Runs against the real application and database; tries are few on purpose.
 */
class CsvImportPropertiesTest {
  private static RunningApi api;
  private static RunningApi.Tenant tenant;

  @BeforeContainer
  static void start() {
    api = RunningApi.start();
    tenant = api.newTenant();
  }

  @AfterContainer
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @Property(tries = 25)
  void everyValidRowIsImportedAndEveryBrokenRowIsAnErrorOnItsLine(@ForAll Random random) {
    String prefix = UUID.randomUUID().toString().substring(0, 8);
    CsvCase csv = CsvCase.generate(random, prefix);
    RunningApi.Answer answer = post(csv.bytes());

    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    Map<?, ?> view = api.read(answer.body(), Map.class);
    assertThat(view.get("status")).isEqualTo("completed");
    assertThat(number(view, "rowsRead")).isEqualTo(csv.rows());
    assertThat(number(view, "rowsFailed")).isEqualTo(csv.badLines().size());
    assertThat(number(view, "rowsInserted")).isEqualTo(csv.valid().size());
    Set<Long> errorLines = new TreeSet<>();
    for (Object e : errors(view)) {
      Map<?, ?> error = (Map<?, ?>) e;
      assertNamesWhatIsWrong(error);
      errorLines.add(((Number) error.get("line")).longValue());
    }
    assertThat(errorLines).as("the lines the errors are on").isEqualTo(csv.badLines());

    Map<String, CsvCase.Expected> stored = new HashMap<>();
    for (Map<String, Object> row :
        TestDb.rows(
            "SELECT email, first_name, company FROM contacts WHERE tenant_id = ? AND email LIKE ?",
            tenant.id(),
            "%-" + prefix + "@gmail.test")) {
      stored.put(
          (String) row.get("email"),
          new CsvCase.Expected((String) row.get("first_name"), (String) row.get("company")));
    }
    assertThat(stored).as("the valid rows, as stored").isEqualTo(csv.valid());
  }

  @Property(tries = 40)
  void anyBytesAreImportedOrRefusedWithAReason(@ForAll @Size(max = 600) byte[] body) {
    assertImportedOrRefused(post(body));
  }

  @Property(tries = 40)
  void aMutatedFileIsImportedOrRefusedWithAReason(
      @ForAll Random random, @ForAll("mutations") List<Mutation> mutations) {
    byte[] bytes = CsvCase.generate(random, UUID.randomUUID().toString()).bytes();
    for (Mutation m : mutations) {
      bytes = m.apply(bytes);
    }
    assertImportedOrRefused(post(bytes));
  }

  @Property(tries = 40)
  void anyHeaderIsAcceptedOrRefusedNamingIt(@ForAll @Size(max = 6) List<String> names) {
    StringBuilder csv = new StringBuilder("email");
    for (String name : names) {
      csv.append(',').append('"').append(name.replace("\"", "\"\"")).append('"');
    }
    csv.append("\nheader-").append(UUID.randomUUID()).append("@gmail.test");
    csv.append(",x".repeat(names.size())).append('\n');
    RunningApi.Answer answer = post(csv.toString().getBytes(StandardCharsets.UTF_8));
    assertImportedOrRefused(answer);
    if (answer.status() == 400) {
      assertThat(api.read(answer.body(), Map.class).get("field")).isIn("header", "email");
    }
  }

  /** One change to a file's bytes: a byte replaced, inserted, or the file cut there. */
  record Mutation(int kind, int where, byte value) {
    byte[] apply(byte[] bytes) {
      if (bytes.length == 0) {
        return new byte[] {value};
      }
      int at = Math.floorMod(where, bytes.length);
      return switch (kind) {
        case 0 -> {
          byte[] copy = bytes.clone();
          copy[at] = value;
          yield copy;
        }
        case 1 -> {
          byte[] longer = new byte[bytes.length + 1];
          System.arraycopy(bytes, 0, longer, 0, at);
          longer[at] = value;
          System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
          yield longer;
        }
        default -> java.util.Arrays.copyOf(bytes, at);
      };
    }
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<Byte> interesting =
        Arbitraries.oneOf(
            Arbitraries.of((byte) '"', (byte) ',', (byte) '\r', (byte) '\n', (byte) 0, (byte) 0xC3),
            Arbitraries.bytes());
    return net.jqwik.api.Combinators.combine(
            Arbitraries.integers().between(0, 2), Arbitraries.integers(), interesting)
        .as(Mutation::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(8);
  }

  private RunningApi.Answer post(byte[] body) {
    return api.send(
        HttpRequest.POST("/api/contacts/import", body)
            .contentType("text/csv")
            .bearerAuth(tenant.key()));
  }

  private static void assertImportedOrRefused(RunningApi.Answer answer) {
    assertThat(answer.status()).as(answer.body()).isIn(201, 400);
    Map<?, ?> view = api.read(answer.body(), Map.class);
    if (answer.status() == 400) {
      assertThat((String) view.get("error")).as("the reason").isNotBlank();
      assertThat((String) view.get("field")).as("what it is about").isNotBlank();
      return;
    }
    assertThat(
            number(view, "rowsInserted") + number(view, "rowsUpdated") + number(view, "rowsFailed"))
        .isEqualTo(number(view, "rowsRead"));
    for (Object e : errors(view)) {
      assertNamesWhatIsWrong((Map<?, ?>) e);
    }
  }

  /**
   * A row error names its line and field; a row whose fields cannot be told apart (their number, a
   * NUL character) names the row as a whole and says which field or how many.
   */
  private static void assertNamesWhatIsWrong(Map<?, ?> error) {
    assertThat(((Number) error.get("line")).longValue()).isPositive();
    String reason = (String) error.get("reason");
    assertThat(reason).isNotBlank();
    if (error.get("field") == null) {
      assertThat(reason).containsPattern("field|fields");
    } else {
      assertThat(reason).startsWith(error.get("field") + ": ");
    }
  }

  /** The row errors shown; the view leaves the list out when there are none. */
  private static List<?> errors(Map<?, ?> view) {
    Object errors = view.get("errors");
    return errors == null ? List.of() : (List<?>) errors;
  }

  private static long number(Map<?, ?> view, String name) {
    return ((Number) view.get(name)).longValue();
  }
}
