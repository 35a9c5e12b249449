package dev.heron.api.paging;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.heron.api.error.ApiException;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** One page of a listing: its items and where it starts. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Page<T>(List<T> items, int limit, int offset) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  /** The page asked for, checked: {@code limit} 1..500 (default 50), {@code offset} ≥ 0. */
  public record Request(int limit, int offset) {
    public static Request of(Integer limit, Integer offset) {
      int l = limit == null ? DEFAULT_LIMIT : limit;
      int o = offset == null ? 0 : offset;
      if (l < 1 || l > MAX_LIMIT) {
        throw ApiException.badRequest(
            "limit", "limit: must be between 1 and " + MAX_LIMIT + ", was " + l);
      }
      if (o < 0) {
        throw ApiException.badRequest("offset", "offset: must be 0 or more, was " + o);
      }
      return new Request(l, o);
    }
  }
}
