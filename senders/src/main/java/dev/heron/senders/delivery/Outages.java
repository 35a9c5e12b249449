package dev.heron.senders.delivery;

/**
 * Tells a failure of the store or a sink, after which nothing about a single record can be
 * concluded, from one a record causes. Both the first try of a batch and its retries split a failed
 * batch to find the record at fault, except on an outage, where the whole batch comes back instead.
 */
public final class Outages {
  private Outages() {}

  /** The store or a sink is down; a {@link BadRecordException} in the chain says otherwise. */
  public static boolean isOutage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BadRecordException) {
        return false;
      }
      if (t instanceof StoreUnavailableException || t instanceof SinkUnavailableException) {
        return true;
      }
    }
    return false;
  }
}
