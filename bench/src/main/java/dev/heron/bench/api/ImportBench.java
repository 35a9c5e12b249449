package dev.heron.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import org.postgresql.PGConnection;

/**
 * The CSV import of contacts: a generated file of N rows (default 1,000,000) posted to {@code POST
 * /api/contacts/import} of the real control API, which streams it into PostgreSQL in batches.
 * Baseline, in the same run: PostgreSQL's own {@code COPY} of the same file into an unindexed table
 * (the fastest any import into this database can be). Each is run R times (default 3); the medians
 * and their ratio are printed. Usage: ImportBench [rows] [runs].
 */
public final class ImportBench {
  public static void main(String[] args) throws Exception {
    int rows = Runs.intArg(args, 0, 1_000_000);
    int runs = Runs.intArg(args, 1, 3);
    Path csv = Files.createTempFile("heron-import-", ".csv");
    try (ApiHarness api = new ApiHarness()) {
      write(csv, rows);
      System.out.printf(Locale.ROOT, "file: %d rows, %.1f MB%n", rows, Files.size(csv) / 1e6);
      Runs copy = new Runs();
      Runs indexed = new Runs();
      Runs imported = new Runs();
      for (int run = 1; run <= runs; run++) {
        double copySeconds = copySeconds(csv);
        copy.add(rows / copySeconds);
        double indexedSeconds = indexedSeconds(csv);
        indexed.add(rows / indexedSeconds);
        String[] tenant = api.tenant("Import bench " + System.nanoTime());
        long start = System.nanoTime();
        JsonNode result = api.postFile("/api/contacts/import", tenant[1], csv, "text/csv");
        double seconds = (System.nanoTime() - start) / 1e9;
        if (result.path("rowsInserted").asLong() != rows
            || !"completed".equals(result.path("status").asText())) {
          throw new IllegalStateException("the import did not insert every row: " + result);
        }
        imported.add(rows / seconds);
        System.out.printf(
            Locale.ROOT,
            "run %d: COPY %.0f rows/s, COPY + INSERT into an indexed contacts table %.0f rows/s, import %.0f rows/s%n",
            run,
            rows / copySeconds,
            rows / indexedSeconds,
            rows / seconds);
        // The tenant stays: deleting a million contacts cascades through tables whose contact_id
        // has no index of its own (recipients, deals) and takes far longer than the import.
      }
      System.out.printf(
          Locale.ROOT,
          "RESULT import: median %.0f rows/s (runs %s); baseline COPY median %.0f rows/s (runs %s);"
              + " ratio import/COPY %.3f; COPY + INSERT into an indexed contacts table median %.0f rows/s"
              + " (runs %s), ratio import/that %.2f; target 50000 rows/s %s%n",
          imported.median(),
          imported,
          copy.median(),
          copy,
          imported.median() / copy.median(),
          indexed.median(),
          indexed,
          imported.median() / indexed.median(),
          imported.median() >= 50_000 ? "met" : "MISSED");
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  /** Contacts with the columns a real export has: names, phone, company, zone, tags, attributes. */
  static void write(Path csv, int rows) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      out.write("email,first_name,last_name,phone,company,time_zone,tags,plan,city\n");
      for (int i = 0; i < rows; i++) {
        out.write(
            "person"
                + i
                + "@bench"
                + (i % 97)
                + ".test,First"
                + i
                + ",Last"
                + (i % 5000)
                + ",+3361"
                + String.format(Locale.ROOT, "%07d", i)
                + ",Company "
                + (i % 1000)
                + ",Europe/Paris,"
                + (i % 3 == 0 ? "vip;news" : "news")
                + ","
                + (i % 2 == 0 ? "pro" : "free")
                + ",City "
                + (i % 300)
                + "\n");
      }
    }
  }

  static double copySeconds(Path csv) throws Exception {
    try (Connection c = ApiHarness.jdbc();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TEMPORARY TABLE import_baseline (email text, first_name text, last_name text, phone text,"
              + " company text, time_zone text, tags text, plan text, city text)");
      long start = System.nanoTime();
      try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
        c.unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn("COPY import_baseline FROM STDIN (FORMAT csv, HEADER true)", in);
      }
      return (System.nanoTime() - start) / 1e9;
    }
  }

  /**
   * A second, diagnostic baseline: the file copied and then inserted in one statement into a table
   * shaped and indexed like contacts (unique email, phone, GIN on tags and attributes). It shows
   * how much of the import's time any import into that table pays for its indexes.
   */
  static double indexedSeconds(Path csv) throws Exception {
    try (Connection c = ApiHarness.jdbc();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TEMPORARY TABLE import_raw (email text, first_name text, last_name text, phone text,"
              + " company text, time_zone text, tags text, plan text, city text)");
      s.execute(
          "CREATE TEMPORARY TABLE import_indexed (LIKE contacts INCLUDING DEFAULTS INCLUDING INDEXES)");
      long start = System.nanoTime();
      try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
        c.unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn("COPY import_raw FROM STDIN (FORMAT csv, HEADER true)", in);
      }
      s.execute(
          "INSERT INTO import_indexed (tenant_id, email, first_name, last_name, phone, company, time_zone, tags, attributes)"
              + " SELECT '00000000-0000-0000-0000-000000000001'::uuid, email, first_name, last_name, phone, company, time_zone,"
              + " string_to_array(tags, ';'), jsonb_build_object('plan', plan, 'city', city) FROM import_raw");
      return (System.nanoTime() - start) / 1e9;
    }
  }

  private ImportBench() {}
}
