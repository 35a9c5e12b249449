package dev.heron.api.error;

import dev.heron.api.db.DataException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Database failures are the server's problem: logged in full, answered without SQL details. */
@Singleton
class DataExceptionHandler implements ExceptionHandler<DataException, HttpResponse<ApiError>> {
  private static final Logger LOG = LoggerFactory.getLogger(DataExceptionHandler.class);

  @Override
  public HttpResponse<ApiError> handle(HttpRequest request, DataException e) {
    String state = e.sqlState();
    boolean unavailable = state != null && state.startsWith("08");
    LOG.error(
        "{} {} failed in the database (SQLSTATE {})",
        request.getMethod(),
        request.getPath(),
        state,
        e);
    return HttpResponse.<ApiError>status(
            unavailable ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR)
        .body(
            new ApiError(
                unavailable ? "the database is unavailable; retry later" : "internal error", null));
  }
}
