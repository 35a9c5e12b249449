package dev.heron.senders.delivery;

/**
 * One message's own data cannot be processed — a request the database refuses, a claim whose
 * recorded outcome cannot be read — as opposed to a store or broker that is down ({@link
 * StoreUnavailableException}). The delivery loop sets such a message apart on the dead-letter topic
 * with this reason and goes on with the others, rather than failing their batch forever.
 */
public final class BadRecordException extends RuntimeException {
  public BadRecordException(String message) {
    super(message);
  }

  public BadRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
