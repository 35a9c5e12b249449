package dev.heron.api.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives Micronaut's own errors (unknown route, unreadable JSON, an argument that does not convert,
 * a missing body...) the same {@code {"error":..., "field":...}} body as the API's.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
class ApiErrorResponses implements ErrorResponseProcessor<ApiError> {
  private static final Pattern PROPERTY =
      Pattern.compile("Error decoding property \\[[^\\]]*?(\\w+)\\]");
  private static final Pattern ARGUMENT =
      Pattern.compile("^Failed to convert argument \\[(\\w+)\\]");

  @Override
  public MutableHttpResponse<ApiError> processResponse(
      ErrorContext context, MutableHttpResponse<?> response) {
    if (context.getRequest().getMethod() == HttpMethod.HEAD) {
      @SuppressWarnings("unchecked")
      MutableHttpResponse<ApiError> bare = (MutableHttpResponse<ApiError>) response;
      return bare;
    }
    ApiError body =
        context.getErrors().stream()
            .findFirst()
            .map(e -> toApiError(e, KeptJsonBody.of(context.getRequest()).orElse(null)))
            .orElseGet(() -> new ApiError(response.reason(), null));
    return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
  }

  private static ApiError toApiError(Error error, String body) {
    String message = error.getMessage() == null ? "bad request" : error.getMessage();
    if (JsonBodyErrors.isParserMessage(message)) {
      // The JSON parser's own complaint: what it wanted where, in words, and at which field.
      String reason = JsonBodyErrors.readable(reason(message));
      String field = JsonBodyErrors.fieldAt(message, body).orElse("body");
      return new ApiError(
          field + ": " + (field.equals("body") ? "not what this endpoint takes: " : "") + reason,
          field);
    }
    Optional<String> property = decodedProperty(message);
    if (property.isPresent()) {
      // A body field that did not decode (a malformed UUID, a number for a string...): name it.
      return new ApiError(property.get() + ": " + reason(message), property.get());
    }
    Matcher argument = ARGUMENT.matcher(message);
    if (argument.find()) {
      // A path variable or query parameter that did not convert.
      return new ApiError(argument.group(1) + ": " + reason(message), argument.group(1));
    }
    String field =
        error
            .getPath()
            .map(p -> p.startsWith("/") ? p.substring(1) : p)
            .filter(p -> !p.isBlank())
            .orElse(null);
    return new ApiError(message, field);
  }

  /**
   * {@code Error decoding property [AudienceRequest audience] ... [List lists]} → audience.lists
   */
  static Optional<String> decodedProperty(String message) {
    Matcher m = PROPERTY.matcher(message);
    List<String> path = new ArrayList<>();
    while (m.find()) {
      path.add(m.group(1));
    }
    return path.isEmpty() ? Optional.empty() : Optional.of(String.join(".", path));
  }

  /** The innermost explanation: what follows the last "due to: " or the last ": ". */
  static String reason(String message) {
    int dueTo = message.lastIndexOf("due to: ");
    String tail = dueTo >= 0 ? message.substring(dueTo + 8) : message;
    int property = tail.lastIndexOf("]: ");
    return property >= 0 ? tail.substring(property + 3) : tail;
  }
}
