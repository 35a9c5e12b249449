package dev.heron.api.tracking;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * The open pixel of {@link dev.heron.events.TrackingLinks#openUrl}. It answers on the event loop
 * with no database or Kafka on its path: the open is queued and recorded afterwards.
 */
@Controller("/t/o")
class OpenPixelController {
  /** A transparent 1x1 GIF. */
  static final byte[] PIXEL =
      Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

  private final OpenTracking opens;

  OpenPixelController(OpenTracking opens) {
    this.opens = opens;
  }

  /** Always the image, at once: a bad token simply records nothing. */
  @Get("/{token}")
  @Produces("image/gif")
  @Operation(summary = "Open pixel: a 1x1 GIF; records an OPENED event for a valid token")
  CompletableFuture<HttpResponse<byte[]>> open(
      String token, @Nullable @Header(HttpHeaders.USER_AGENT) String userAgent) {
    return opens
        .open(token, userAgent)
        .thenApply(
            queued ->
                HttpResponse.ok(PIXEL)
                    .contentType("image/gif")
                    .header(
                        HttpHeaders.CACHE_CONTROL,
                        "no-store, no-cache, must-revalidate, max-age=0"));
  }
}
