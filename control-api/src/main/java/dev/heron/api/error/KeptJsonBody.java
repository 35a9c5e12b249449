package dev.heron.api.error;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;
import java.util.Optional;

/**
 * Keeps the text of a small JSON request body on the request, so that when the decoder refuses it
 * the error can name the field at the position the parser stopped ({@link JsonBodyErrors}); by then
 * the decoder has consumed the body. Only requests that carry a body pass through it; the contact
 * import, which streams files of any size, is left out.
 */
@ServerFilter(
    patterns = "^/api/(?!contacts/import).*",
    patternStyle = FilterPatternStyle.REGEX,
    methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH})
class KeptJsonBody {
  static final String ATTRIBUTE = "heron.json-body";

  /** Larger bodies are not kept: the error then names the position only. */
  static final int MAX_CHARS = 64 * 1024;

  @RequestFilter
  void keep(HttpRequest<?> request, @Nullable @Body String body) {
    if (body != null
        && body.length() <= MAX_CHARS
        && request
            .getContentType()
            .map(t -> t.matches(MediaType.APPLICATION_JSON_TYPE))
            .orElse(false)) {
      request.setAttribute(ATTRIBUTE, body);
    }
  }

  /** The body kept for {@code request}, if any. */
  static Optional<String> of(HttpRequest<?> request) {
    return request.getAttribute(ATTRIBUTE, String.class);
  }
}
