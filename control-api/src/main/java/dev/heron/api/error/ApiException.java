package dev.heron.api.error;

import io.micronaut.http.HttpStatus;

/** A request the API refuses, with the status to answer and the field at fault (or null). */
public class ApiException extends RuntimeException {
  private final HttpStatus status;
  private final String field;

  public ApiException(HttpStatus status, String field, String message) {
    super(message);
    this.status = status;
    this.field = field;
  }

  public static ApiException badRequest(String field, String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, field, message);
  }

  /** The same answer for "does not exist" and "belongs to another tenant": nothing leaks. */
  public static ApiException notFound(String what, Object id) {
    return new ApiException(HttpStatus.NOT_FOUND, null, what + " " + id + " not found");
  }

  public static ApiException conflict(String field, String message) {
    return new ApiException(HttpStatus.CONFLICT, field, message);
  }

  public static ApiException unauthorized(String message) {
    return new ApiException(HttpStatus.UNAUTHORIZED, null, message);
  }

  public HttpStatus status() {
    return status;
  }

  public String field() {
    return field;
  }
}
