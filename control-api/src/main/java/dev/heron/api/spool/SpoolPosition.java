package dev.heron.api.spool;

/** A place in the spool: a segment and a byte offset in it. */
record SpoolPosition(long segment, long offset) implements Comparable<SpoolPosition> {
  @Override
  public int compareTo(SpoolPosition other) {
    int bySegment = Long.compare(segment, other.segment);
    return bySegment != 0 ? bySegment : Long.compare(offset, other.offset);
  }
}
