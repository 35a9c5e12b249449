package dev.heron.senders.delivery;

/**
 * The store could not be read or written. It fails the whole batch, which is then delivered again,
 * rather than deciding the fate of one message on a database hiccup.
 */
public final class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
