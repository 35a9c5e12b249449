package dev.heron.api.spool;

import java.util.List;

/** Records read from the spool and the position just after the last of them. */
record SpoolBatch(List<SpoolRecord> records, SpoolPosition end) {
  boolean isEmpty() {
    return records.isEmpty();
  }
}
