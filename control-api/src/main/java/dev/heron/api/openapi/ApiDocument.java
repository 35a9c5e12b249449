package dev.heron.api.openapi;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * What the OpenAPI document says about the API as a whole. The document itself is generated at
 * build time from the controllers (micronaut-openapi) into {@code META-INF/swagger/} and served by
 * {@link OpenApiController}.
 */
@OpenAPIDefinition(
    info =
        @Info(
            title = "heron",
            version = "1",
            description =
                "Heron's control API: tenants, contacts, lists, templates, campaigns, tracking,"
                    + " webhooks and the read APIs. Every /api path takes a tenant's API key as a"
                    + " bearer token.",
            license = @License(name = "Apache-2.0")),
    security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(name = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer")
final class ApiDocument {
  private ApiDocument() {}
}
