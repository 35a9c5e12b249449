package dev.heron.api.tracking;

import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.management.endpoint.annotation.Read;

/**
 * {@code GET /tracking}: what the open pixel has seen since start (requests, valid opens queued,
 * OPENED events spooled, opens of unknown messages, opens waiting). A management endpoint, hidden
 * unless {@code endpoints.tracking.sensitive=false}.
 */
@Endpoint(id = "tracking", defaultSensitive = true)
class TrackingEndpoint {
  private final OpenTracking opens;

  TrackingEndpoint(OpenTracking opens) {
    this.opens = opens;
  }

  @Read
  OpenTracking.Counts counts() {
    return opens.counts();
  }
}
