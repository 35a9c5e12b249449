package dev.heron.api.error;

import dev.heron.api.HeronProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.body.ByteBody.SplitBackpressureMode;
import io.micronaut.http.body.CloseableAvailableByteBody;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.filter.FilterPatternStyle;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Bounds the body of an API request, and keeps the text of a small JSON one on the request so that
 * when the decoder refuses it the error can name the field at the position the parser stopped
 * ({@link JsonBodyErrors}); by then the decoder has consumed the body.
 *
 * <p>A body whose Content-Length is over {@link HeronProperties#MAX_BODY_BYTES} is refused (413)
 * before any of it is read. A body without a length (chunked) is bounded by the server's buffer,
 * which stops at the same limit while the body is read ({@link BodyTooLargeHandler} answers it).
 * Only JSON bodies of at most {@link #MAX_KEPT_BYTES} are kept; a larger one with a length is not
 * read here at all, and its error names the position only. Only requests that carry a body pass
 * through; the contact import, which streams files of any size, is left out.
 */
@ServerFilter(
    patterns = "^/api/(?!contacts/import).*",
    patternStyle = FilterPatternStyle.REGEX,
    methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH})
class KeptJsonBody {
  static final String ATTRIBUTE = "heron.json-body";

  /** Larger bodies are not kept: the error then names the position only. */
  static final int MAX_KEPT_BYTES = 64 * 1024;

  @RequestFilter
  CompletionStage<HttpRequest<?>> keep(HttpRequest<?> request) {
    long declared = request.getContentLength();
    if (declared > HeronProperties.MAX_BODY_BYTES) {
      return CompletableFuture.failedFuture(tooLarge());
    }
    boolean keepable = declared <= MAX_KEPT_BYTES && isJson(request); // -1: chunked
    if (!(request instanceof ServerHttpRequest<?> server) || !keepable) {
      return CompletableFuture.completedFuture(request);
    }
    // A copy of the body for this filter, as Micronaut's own filters read one; the original stays
    // whole for the decoder. The request (never null: Micronaut would answer nothing) goes on.
    CloseableByteBody copy = server.byteBody().split(SplitBackpressureMode.FASTEST);
    return copy.buffer()
        .handle(
            (body, failure) -> {
              copy.close();
              keep(request, body);
              return request;
            });
  }

  /**
   * Keeps a small body. One that could not be read (over the buffer limit, a broken connection) is
   * not: the decoder meets the same failure on the original and answers it.
   */
  private static void keep(HttpRequest<?> request, @Nullable CloseableAvailableByteBody body) {
    if (body != null) {
      try (body) {
        if (body.length() <= MAX_KEPT_BYTES) {
          request.setAttribute(ATTRIBUTE, body.toString(StandardCharsets.UTF_8));
        }
      }
    }
  }

  private static boolean isJson(HttpRequest<?> request) {
    return request
        .getContentType()
        .map(t -> t.matches(MediaType.APPLICATION_JSON_TYPE))
        .orElse(false);
  }

  static ApiException tooLarge() {
    return new ApiException(
        HttpStatus.REQUEST_ENTITY_TOO_LARGE,
        "body",
        "body: larger than the "
            + HeronProperties.MAX_BODY_BYTES
            + " bytes a request body may have");
  }

  /** The body kept for {@code request}, if any. */
  static Optional<String> of(HttpRequest<?> request) {
    return request.getAttribute(ATTRIBUTE, String.class);
  }
}
