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
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The public endpoints the links in a message point at: no API key, a signed token instead. Paths
 * are those of {@link dev.heron.events.TrackingLinks}; the open pixel is {@link
 * OpenPixelController}.
 */
@Controller("/t")
@ExecuteOn(TaskExecutors.BLOCKING)
class TrackingController {
  private static final String ONE_CLICK = "List-Unsubscribe=One-Click";

  private final TrackingService tracking;

  TrackingController(TrackingService tracking) {
    this.tracking = tracking;
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
