package dev.heron.api.contact;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.heron.api.db.Db;
import dev.heron.api.db.Queries;
import dev.heron.api.db.Rows;
import dev.heron.api.error.ApiException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a contact CSV into the database: rows are read one at a time, checked, and upserted in
 * batches (COPY into a temporary staging table, then one {@code INSERT … ON CONFLICT} from it),
 * each batch committed with the import's progress, so a file of any size runs in constant memory
 * and its progress can be watched while it runs.
 */
@Singleton
public class ContactImporter {
  /**
   * Rows per transaction: large enough that COPY and one upsert per batch cost little per row,
   * small enough that a batch (a few MB) and its progress step stay small.
   */
  static final int BATCH_SIZE = 20_000;

  /**
   * Batches written at once, each on its own connection: with one, the file's reader waited for the
   * writer nearly all the time (a batch's upsert keeps one database core busy); a second keeps the
   * reader busy, and more would take the database from the rest of its work.
   */
  static final int WRITERS = 2;

  private static final int ERRORS_SHOWN = 100;
  private static final Logger LOG = LoggerFactory.getLogger(ContactImporter.class);

  private final Db db;

  ContactImporter(Db db) {
    this.db = db;
  }

  /** Imports the CSV and returns the finished import; a malformed file fails it with a 400. */
  ContactImport importCsv(UUID tenantId, UUID listId, InputStream body) {
    CsvReader<CsvRecord> reader =
        CsvReader.builder()
            .allowExtraFields(true)
            .allowMissingFields(true)
            .detectBomHeader(true)
            .ofCsvRecord(body, StandardCharsets.UTF_8);
    try (reader) {
      Iterator<CsvRecord> records = reader.iterator();
      if (!records.hasNext()) {
        throw ApiException.badRequest(
            "body", "body: the CSV is empty; it needs a header row with an email column");
      }
      ImportHeader header = ImportHeader.of(records.next().getFields());
      UUID importId =
          db.transaction(
              tx ->
                  tx.one(Queries.IMPORT_INSERT, row -> Rows.uuid(row, "id"), tenantId, listId)
                      .orElseThrow());
      try {
        readAll(tenantId, listId, importId, header, records);
      } catch (CsvParseException e) {
        String reason = "import " + importId + " stopped: " + describe(e);
        finish(importId, "failed", reason);
        throw ApiException.badRequest("body", reason);
      } catch (RuntimeException e) {
        finish(importId, "failed", e.getMessage());
        throw e;
      }
      finish(importId, "completed", null);
      return find(tenantId, importId);
    } catch (CsvParseException e) {
      throw ApiException.badRequest("body", "body: " + describe(e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads and checks the next batch while earlier ones are written, {@link #WRITERS} batches at a
   * time on as many connections: PostgreSQL runs one statement on one core, so one writer leaves
   * the database's other cores idle while the upsert is the slowest part. Memory stays constant
   * whatever the file's size (the batches being written and the one being read). A batch that
   * shares an email with one still being written waits for it, so the file's later row for an
   * address is always the one that stays.
   */
  private void readAll(
      UUID tenantId, UUID listId, UUID importId, ImportHeader header, Iterator<CsvRecord> records) {
    ExecutorService writers =
        Executors.newFixedThreadPool(
            WRITERS,
            task -> {
              Thread thread = new Thread(task, "import-" + importId);
              thread.setDaemon(true);
              return thread;
            });
    Deque<Writing> inFlight = new ArrayDeque<>();
    try {
      Batch batch = new Batch();
      while (records.hasNext()) {
        CsvRecord record = records.next();
        ImportRow.Parsed parsed =
            ImportRow.parse(header, record.getStartingLineNumber(), record.getFields());
        batch.add(parsed);
        if (batch.size() >= BATCH_SIZE) {
          submit(writers, inFlight, batch, tenantId, listId, importId);
          batch = new Batch();
        }
      }
      submit(writers, inFlight, batch, tenantId, listId, importId);
      awaitOldestWhile(inFlight, writing -> true);
    } finally {
      // The file failed while batches were being written: they end before the import is marked
      // failed, so the progress they report is final.
      for (Writing writing : inFlight) {
        try {
          writing.future().get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
          LOG.warn("import {}: a batch failed after the file did: {}", importId, e.getMessage());
        }
      }
      writers.shutdown();
    }
  }

  private record Writing(Batch batch, Future<?> future) {}

  /**
   * Starts writing a batch once a writer is free and no batch in flight holds one of its emails
   * (waiting for the oldest ones first, in file order).
   */
  private void submit(
      ExecutorService writers,
      Deque<Writing> inFlight,
      Batch batch,
      UUID tenantId,
      UUID listId,
      UUID importId) {
    awaitOldestWhile(
        inFlight,
        writing ->
            writing.size() >= WRITERS
                || writing.stream().anyMatch(w -> w.batch().sharesAnEmailWith(batch)));
    inFlight.addLast(
        new Writing(batch, writers.submit(() -> write(tenantId, listId, importId, batch))));
  }

  /**
   * Waits for the oldest batches in flight, in file order, while {@code condition} holds of those
   * left. A batch leaves the queue before it is waited for, so one that failed is not waited for
   * again when the import ends.
   */
  private static void awaitOldestWhile(
      Deque<Writing> inFlight, Predicate<Deque<Writing>> condition) {
    while (!inFlight.isEmpty() && condition.test(inFlight)) {
      awaitWritten(inFlight.removeFirst().future());
    }
  }

  private static void awaitWritten(Future<?> writing) {
    try {
      writing.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("import interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Rows of one transaction; a repeated email keeps its last row, counted as an update. */
  private static final class Batch {
    final Map<String, ImportRow> rows = new LinkedHashMap<>();
    final List<ImportRow.Problem> problems = new ArrayList<>();
    long read;
    long failed;
    long repeats;

    void add(ImportRow.Parsed parsed) {
      read++;
      parsed
          .row()
          .ifPresentOrElse(
              row -> {
                if (rows.put(row.email(), row) != null) {
                  repeats++;
                }
              },
              () -> {
                failed++;
                problems.addAll(parsed.problems());
              });
    }

    long size() {
      return read;
    }

    boolean sharesAnEmailWith(Batch other) {
      Map<String, ImportRow> smaller = rows.size() <= other.rows.size() ? rows : other.rows;
      Map<String, ImportRow> larger = smaller == rows ? other.rows : rows;
      return smaller.keySet().stream().anyMatch(larger::containsKey);
    }
  }

  private void write(UUID tenantId, UUID listId, UUID importId, Batch batch) {
    if (batch.read == 0) {
      return;
    }
    db.transaction(
        tx -> {
          long inserted = 0;
          long updated = 0;
          if (!batch.rows.isEmpty()) {
            tx.one(Queries.IMPORT_LOCK_TENANT, row -> row.getString(1), tenantId)
                .orElseThrow(() -> ApiException.notFound("tenant", tenantId));
            tx.update(Queries.IMPORT_MEMORY);
            tx.update(Queries.IMPORT_STAGING);
            tx.copyIn(Queries.IMPORT_STAGING_COPY, staged(batch.rows.values()));
            long[] counts =
                tx.one(
                        Queries.CONTACT_IMPORT_BATCH,
                        r -> new long[] {r.getLong("inserted"), r.getLong("updated")},
                        tenantId,
                        listId,
                        listId)
                    .orElseThrow();
            inserted = counts[0];
            updated = counts[1] + batch.repeats;
          }
          if (!batch.problems.isEmpty()) {
            List<ImportRow.Problem> problems = batch.problems;
            tx.update(
                Queries.IMPORT_ERROR_INSERT,
                importId,
                problems.stream().map(p -> Long.toString(p.line())).toArray(String[]::new),
                problems.stream().map(ImportRow.Problem::field).toArray(String[]::new),
                problems.stream().map(ImportRow.Problem::reason).toArray(String[]::new));
          }
          tx.update(Queries.IMPORT_PROGRESS, batch.read, inserted, updated, batch.failed, importId);
          return null;
        });
  }

  /** A batch's rows in the staging table's column order, as COPY reads them. */
  static byte[] staged(Collection<ImportRow> rows) {
    CopyText copy = new CopyText();
    for (ImportRow row : rows) {
      copy.column(row.email())
          .column(row.firstName())
          .column(row.lastName())
          .column(row.phone())
          .column(row.company())
          .column(row.timeZone())
          .column(row.tags())
          .column(row.attributes().isEmpty() ? null : Rows.jsonb(row.attributes()))
          .endRow();
    }
    return copy.bytes();
  }

  private void finish(UUID importId, String status, String failure) {
    try {
      db.transaction(tx -> tx.update(Queries.IMPORT_FINISH, status, failure, importId));
    } catch (RuntimeException e) {
      LOG.warn("could not mark import {} {}: {}", importId, status, e.getMessage());
    }
  }

  ContactImport find(UUID tenantId, UUID importId) {
    return db.transaction(
            tx -> {
              List<ContactImport.RowError> errors =
                  tx.list(
                      Queries.IMPORT_ERRORS, ContactImport.RowError::of, importId, ERRORS_SHOWN);
              return tx.one(
                  Queries.IMPORT_BY_ID, row -> ContactImport.of(row, errors), tenantId, importId);
            })
        .orElseThrow(() -> ApiException.notFound("import", importId));
  }

  private static String describe(CsvParseException e) {
    Throwable cause = e.getCause();
    return e.getMessage()
        + (cause != null && cause.getMessage() != null ? ": " + cause.getMessage() : "");
  }
}
