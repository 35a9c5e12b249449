package dev.heron.jobs.archive;

import dev.heron.jobs.storage.JobQueries;
import dev.heron.sql.NamedQueries;

/**
 * The statements of one archive batch.
 *
 * @param createStaging creates the connection's staging table, emptied at every commit
 * @param copy streams a batch into {@code events}, failing on an event already there
 * @param copyToStaging streams a batch into the staging table
 * @param moveToArchive inserts the staged batch into {@code events}, skipping events already there
 */
record ArchiveStatements(
    String createStaging, String copy, String copyToStaging, String moveToArchive) {
  static ArchiveStatements load() {
    NamedQueries sql = JobQueries.load();
    return new ArchiveStatements(
        sql.get(JobQueries.ARCHIVE_STAGING),
        sql.get(JobQueries.ARCHIVE_COPY),
        sql.get(JobQueries.ARCHIVE_STAGING_COPY),
        sql.get(JobQueries.ARCHIVE_FROM_STAGING));
  }
}
