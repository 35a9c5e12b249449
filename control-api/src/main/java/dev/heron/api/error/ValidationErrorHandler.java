package dev.heron.api.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.Comparator;

/** Bean-validation failures on request bodies and parameters: 400 naming the field. */
@Singleton
@Replaces(ConstraintExceptionHandler.class)
class ValidationErrorHandler
    implements ExceptionHandler<ConstraintViolationException, HttpResponse<ApiError>> {

  @Override
  public HttpResponse<ApiError> handle(HttpRequest request, ConstraintViolationException e) {
    // Several violations: report the first field in a stable order so the answer is repeatable.
    ConstraintViolation<?> first =
        e.getConstraintViolations().stream()
            .min(Comparator.comparing(v -> field(v.getPropertyPath())))
            .orElse(null);
    if (first == null) {
      return HttpResponse.badRequest(new ApiError(e.getMessage(), null));
    }
    String field = field(first.getPropertyPath());
    return HttpResponse.badRequest(new ApiError(field + ": " + first.getMessage(), field));
  }

  /**
   * The property path below the method parameter: {@code audience.lists[0]}, not {@code
   * create.body.audience...}.
   */
  static String field(Path path) {
    StringBuilder field = new StringBuilder();
    for (Path.Node node : path) {
      if (node.getKind() == ElementKind.METHOD
          || node.getKind() == ElementKind.PARAMETER
          || node.getKind() == ElementKind.CONSTRUCTOR) {
        continue;
      }
      if (node.getName() == null) {
        continue;
      }
      if (node.getIndex() != null && field.length() > 0) {
        field.append('[').append(node.getIndex()).append(']');
      }
      if (field.length() > 0) {
        field.append('.');
      }
      field.append(node.getName());
    }
    return field.toString();
  }
}
