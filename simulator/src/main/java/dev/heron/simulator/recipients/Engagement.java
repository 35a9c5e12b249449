package dev.heron.simulator.recipients;

import java.time.Instant;

/**
 * Something a simulated recipient did with a message: fetched its pixel, clicked a link or
 * unsubscribed, and what the tracking endpoint answered.
 *
 * @param status the HTTP status, or -1 when the request failed (then {@code error} says why)
 */
public record Engagement(
    Instant at,
    String recipient,
    String messageId,
    Action action,
    String url,
    String userAgent,
    int status,
    String error) {

  public enum Action {
    /** A machine fetch of the images at delivery (a privacy proxy), not a person. */
    PREFETCH,
    OPEN,
    CLICK,
    UNSUBSCRIBE
  }

  /** Reached the endpoint: 2xx, or the redirect a click answers with. */
  public boolean succeeded() {
    return status >= 200 && status < 400;
  }
}
