package dev.heron.api.tracking;

import dev.heron.api.error.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Base64;

/**
 * The public endpoints the links in a message point at: no API key, a signed token instead. Paths
 * are those of {@link dev.heron.events.TrackingLinks}.
 */
@Controller("/t")
@ExecuteOn(TaskExecutors.BLOCKING)
class TrackingController {
  /** A transparent 1x1 GIF. */
  static final byte[] PIXEL =
      Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

  private static final String ONE_CLICK = "List-Unsubscribe=One-Click";

  private final TrackingService tracking;

  TrackingController(TrackingService tracking) {
    this.tracking = tracking;
  }

  /** Always the image, at once: the open is recorded afterwards, a bad token simply is not. */
  @Get("/o/{token}")
  @Produces("image/gif")
  HttpResponse<byte[]> open(
      String token, @Nullable @Header(HttpHeaders.USER_AGENT) String userAgent) {
    tracking.openAsync(token, userAgent);
    return HttpResponse.ok(PIXEL)
        .contentType("image/gif")
        .header(HttpHeaders.CACHE_CONTROL, "no-store, no-cache, must-revalidate, max-age=0");
  }

  /** Redirects only to the URL recorded for this message and link: never an open redirect. */
  @Get("/c/{token}")
  HttpResponse<?> click(String token) {
    return tracking
        .click(token)
        .<HttpResponse<?>>map(
            url ->
                HttpResponse.status(io.micronaut.http.HttpStatus.FOUND)
                    .header(HttpHeaders.LOCATION, url.toString())
                    .header(HttpHeaders.CACHE_CONTROL, "no-store"))
        .orElseThrow(() -> ApiException.notFound("link", token));
  }

  /** RFC 8058 one-click unsubscribe: a POST with the form field, no cookie, no redirect. */
  @Post("/u/{token}")
  @Consumes({
    MediaType.APPLICATION_FORM_URLENCODED,
    MediaType.MULTIPART_FORM_DATA,
    MediaType.TEXT_PLAIN
  })
  @Produces(MediaType.TEXT_PLAIN)
  HttpResponse<String> unsubscribe(String token, @Nullable @Body String body) {
    if (body == null || !body.contains(ONE_CLICK) && !isMultipartOneClick(body)) {
      throw ApiException.badRequest(
          "List-Unsubscribe", "List-Unsubscribe: the body must be " + ONE_CLICK);
    }
    if (!tracking.unsubscribe(token)) {
      throw ApiException.notFound("unsubscribe link", token);
    }
    return HttpResponse.ok("You are unsubscribed.");
  }

  /** The page a person sees when following the unsubscribe link: one button that POSTs. */
  @Get("/u/{token}")
  @Produces(MediaType.TEXT_HTML)
  HttpResponse<String> unsubscribePage(String token) {
    if (!tracking.isUnsubscribeLink(token)) {
      return HttpResponse.<String>notFound()
          .contentType(MediaType.TEXT_HTML_TYPE)
          .body(UnsubscribePage.unknownLink());
    }
    return HttpResponse.ok(UnsubscribePage.confirm(token)).contentType(MediaType.TEXT_HTML_TYPE);
  }

  private static boolean isMultipartOneClick(String body) {
    return body.contains("name=\"List-Unsubscribe\"") && body.contains("One-Click");
  }
}
