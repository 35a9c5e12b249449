package dev.heron.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heron.events.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small client of the control API, as any user of Heron's REST interface would write. */
public final class HeronApi {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String bearer;

  public HeronApi(String baseUrl, String bearer) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.bearer = bearer;
  }

  /** The same API, as the tenant that {@code apiKey} belongs to. */
  public HeronApi as(String apiKey) {
    return new HeronApi(baseUrl, apiKey);
  }

  public JsonNode get(String path) {
    return send(request(path).GET(), path);
  }

  public JsonNode post(String path, Object body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(body))),
        path);
  }

  public JsonNode postCsv(String path, String csv) {
    return send(
        request(path)
            .header("Content-Type", "text/csv")
            .POST(HttpRequest.BodyPublishers.ofString(csv)),
        path);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + bearer)
        .header("Accept", "application/json");
  }

  private JsonNode send(HttpRequest.Builder request, String path) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new ApiException(path, response.statusCode(), response.body());
      }
      return response.body().isBlank()
          ? Json.mapper().nullNode()
          : Json.mapper().readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the control API at " + baseUrl + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted calling " + path, e);
    }
  }

  /** A response outside 2xx, with its status and body. */
  public static final class ApiException extends RuntimeException {
    private final int status;

    ApiException(String path, int status, String body) {
      super(path + " answered " + status + ": " + body);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }
}
