package dev.heron.api.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Gives Micronaut's own errors (unknown route, unreadable JSON, an argument that does not convert,
 * a missing body...) the same {@code {"error":..., "field":...}} body as the API's.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
class ApiErrorResponses implements ErrorResponseProcessor<ApiError> {

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
            .map(ApiErrorResponses::toApiError)
            .orElseGet(() -> new ApiError(response.reason(), null));
    return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
  }

  private static ApiError toApiError(Error error) {
    String field =
        error
            .getPath()
            .map(p -> p.startsWith("/") ? p.substring(1) : p)
            .filter(p -> !p.isBlank())
            .orElse(null);
    return new ApiError(error.getMessage(), field);
  }
}
