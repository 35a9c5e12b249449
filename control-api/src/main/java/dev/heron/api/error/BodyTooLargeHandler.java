package dev.heron.api.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.exceptions.BufferLengthExceededException;
import io.micronaut.http.server.exceptions.BufferLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * A body without a declared length that passes the server's buffer limit ({@code
 * micronaut.server.max-request-buffer-size}, {@link dev.heron.api.HeronProperties#MAX_BODY_BYTES})
 * while it is read: 413, named like the refusal by length in {@link KeptJsonBody} (Micronaut's own
 * handler answers without the field).
 */
@Singleton
@Replaces(BufferLengthExceededHandler.class)
class BodyTooLargeHandler
    implements ExceptionHandler<BufferLengthExceededException, HttpResponse<ApiError>> {
  @Override
  public HttpResponse<ApiError> handle(HttpRequest request, BufferLengthExceededException e) {
    return ApiExceptionHandler.response(KeptJsonBody.tooLarge());
  }
}
