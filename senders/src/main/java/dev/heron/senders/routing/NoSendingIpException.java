package dev.heron.senders.routing;

/** No source address may send this message now (every one is paused or at its daily cap). */
public final class NoSendingIpException extends RuntimeException {
  public NoSendingIpException(String message) {
    super(message);
  }
}
