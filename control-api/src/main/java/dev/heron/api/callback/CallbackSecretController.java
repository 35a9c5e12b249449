package dev.heron.api.callback;

import dev.heron.api.error.ApiException;
import dev.heron.api.tenant.CurrentTenant;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A tenant's secrets for the providers that call back: WhatsApp, Twilio, the bounce webhook. */
@Controller("/api/callbacks")
class CallbackSecretController {
  /**
   * @param secret the WhatsApp app secret, the Twilio auth token, or the bounce webhook's secret
   * @param verifyToken WhatsApp only: the token its subscription handshake presents
   */
  @Serdeable
  record Configure(
      @NotBlank @Size(min = 8, max = 500) String secret,
      @Nullable @Size(max = 500) String verifyToken) {}

  private final CallbackService callbacks;

  CallbackSecretController(CallbackService callbacks) {
    this.callbacks = callbacks;
  }

  @Put("/{provider}")
  @Operation(
      summary = "Set the secret a provider signs its callbacks with (whatsapp, twilio, bounces)")
  CallbackService.Configured configure(
      CurrentTenant tenant, String provider, @Valid @Body Configure request) {
    Provider known =
        Provider.fromWire(provider)
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "provider",
                        "provider: must be whatsapp, twilio or bounces, was '" + provider + "'"));
    return callbacks.configure(tenant.id(), known, request.secret(), request.verifyToken());
  }

  @Get
  @Operation(summary = "The providers configured, with the callback URL to give each")
  List<CallbackService.Configured> list(CurrentTenant tenant) {
    return callbacks.configured(tenant.id());
  }
}
