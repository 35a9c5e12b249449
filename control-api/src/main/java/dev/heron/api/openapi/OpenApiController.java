package dev.heron.api.openapi;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI document generated at build time, with no API key. */
@Controller
@Hidden
class OpenApiController {
  static final String DOCUMENT = "META-INF/swagger/heron-1.yml";

  private final byte[] document;

  OpenApiController() {
    try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException("no " + DOCUMENT + " on the classpath: was it built?");
      }
      document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Get("/openapi.yml")
  @Produces("application/yaml")
  HttpResponse<byte[]> openApi() {
    return HttpResponse.ok(document).contentType("application/yaml");
  }
}
