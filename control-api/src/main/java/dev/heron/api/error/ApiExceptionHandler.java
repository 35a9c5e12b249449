package dev.heron.api.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Singleton
class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<ApiError>> {
  @Override
  public HttpResponse<ApiError> handle(HttpRequest request, ApiException e) {
    return response(e);
  }

  /** The answer to a refusal: its status, its message and the field it names. */
  static HttpResponse<ApiError> response(ApiException e) {
    return HttpResponse.<ApiError>status(e.status()).body(new ApiError(e.getMessage(), e.field()));
  }
}
