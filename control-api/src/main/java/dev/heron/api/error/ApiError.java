package dev.heron.api.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of every error the API answers: what went wrong and, for a client mistake, the field,
 * parameter or path variable that caused it.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApiError(String error, String field) {}
