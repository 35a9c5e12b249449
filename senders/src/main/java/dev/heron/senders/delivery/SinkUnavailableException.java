package dev.heron.senders.delivery;

/**
 * An event or dead-letter sink could not make records durable: the broker, not a record, is at
 * fault. Like {@link StoreUnavailableException}, it fails the whole batch, which is then delivered
 * again.
 */
public final class SinkUnavailableException extends RuntimeException {
  public SinkUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
