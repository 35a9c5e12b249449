package dev.heron.api.callback;

import dev.heron.api.error.ApiException;
import dev.heron.events.Settings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The public endpoints providers call back, one URL per tenant and provider ({@code
 * /callbacks/<provider>/<tenant id>}). No API key: each request is signed with the tenant's secret
 * for that provider, and a bad signature is a 401. A body that cannot be read is a 400 naming the
 * field, and is kept in {@code unparsed_reports}.
 */
@Controller("/callbacks")
@ExecuteOn(TaskExecutors.BLOCKING)
class CallbackController {
  private final CallbackService callbacks;

  CallbackController(CallbackService callbacks) {
    this.callbacks = callbacks;
  }

  /** Meta's subscription handshake: echo the challenge when the verify token is the tenant's. */
  @Get("/whatsapp/{tenantId}")
  @Produces(MediaType.TEXT_PLAIN)
  @Operation(summary = "WhatsApp webhook verification (hub.mode, hub.verify_token, hub.challenge)")
  HttpResponse<String> whatsAppHandshake(
      UUID tenantId,
      @Nullable @QueryValue("hub.mode") String mode,
      @Nullable @QueryValue("hub.verify_token") String verifyToken,
      @Nullable @QueryValue("hub.challenge") String challenge) {
    CallbackService.Secret secret = secretOf(tenantId, Provider.WHATSAPP);
    if (!"subscribe".equals(mode) || challenge == null) {
      throw ApiException.badRequest(
          "hub.mode", "hub.mode must be 'subscribe', with hub.verify_token and hub.challenge");
    }
    if (secret.verifyToken() == null
        || verifyToken == null
        || !Hmac.same(
            secret.verifyToken().getBytes(StandardCharsets.UTF_8),
            verifyToken.getBytes(StandardCharsets.UTF_8))) {
      throw new ApiException(
          HttpStatus.FORBIDDEN, "hub.verify_token", "hub.verify_token does not match");
    }
    return HttpResponse.ok(challenge).contentType(MediaType.TEXT_PLAIN_TYPE);
  }

  @Post("/whatsapp/{tenantId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "WhatsApp Cloud API status callbacks, signed with X-Hub-Signature-256")
  CallbackService.Outcome whatsApp(
      UUID tenantId,
      @Nullable @Header(WhatsAppCallbacks.SIGNATURE_HEADER) String signature,
      @Body byte[] body) {
    CallbackService.Secret secret = secretOf(tenantId, Provider.WHATSAPP);
    if (!WhatsAppCallbacks.signatureHolds(secret.secret(), signature, body)) {
      throw badSignature(WhatsAppCallbacks.SIGNATURE_HEADER);
    }
    String raw = new String(body, StandardCharsets.UTF_8);
    List<StatusReport> reports =
        readable(tenantId, Provider.WHATSAPP, raw, () -> WhatsAppCallbacks.parse(body));
    return callbacks.record(tenantId, Provider.WHATSAPP, reports, raw);
  }

  @Post("/twilio/{tenantId}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "Twilio status callbacks, signed with X-Twilio-Signature")
  CallbackService.Outcome twilio(
      HttpRequest<?> request,
      UUID tenantId,
      @Nullable @QueryValue String messageId,
      @Nullable @Header(TwilioCallbacks.SIGNATURE_HEADER) String signature,
      @Nullable @Body String body) {
    CallbackService.Secret secret = secretOf(tenantId, Provider.TWILIO);
    String raw = body == null ? "" : body;
    Map<String, List<String>> params =
        readable(tenantId, Provider.TWILIO, raw, () -> TwilioCallbacks.form(raw));
    // The URL Twilio signed is the public one it was given, with its query string.
    String query = request.getUri().getRawQuery();
    String url =
        Settings.get(Settings.PUBLIC_URL)
            + request.getUri().getRawPath()
            + (query == null ? "" : "?" + query);
    if (!TwilioCallbacks.signatureHolds(secret.secret(), signature, url, params)) {
      throw badSignature(TwilioCallbacks.SIGNATURE_HEADER);
    }
    StatusReport report =
        readable(tenantId, Provider.TWILIO, raw, () -> TwilioCallbacks.parse(params, messageId));
    return callbacks.record(tenantId, Provider.TWILIO, List.of(report), raw);
  }

  @Post("/bounces/{tenantId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Generic bounce and complaint reports, signed with Heron-Signature")
  CallbackService.Outcome bounces(
      UUID tenantId,
      @Nullable @Header(dev.heron.api.webhook.WebhookSignature.HEADER) String signature,
      @Body byte[] body) {
    CallbackService.Secret secret = secretOf(tenantId, Provider.BOUNCES);
    if (!dev.heron.api.webhook.WebhookSignature.verify(
        secret.secret(), signature, body, Instant.now())) {
      throw badSignature(dev.heron.api.webhook.WebhookSignature.HEADER);
    }
    String raw = new String(body, StandardCharsets.UTF_8);
    List<StatusReport> reports =
        readable(tenantId, Provider.BOUNCES, raw, () -> BounceCallbacks.parse(body));
    return callbacks.record(tenantId, Provider.BOUNCES, reports, raw);
  }

  private CallbackService.Secret secretOf(UUID tenantId, Provider provider) {
    return callbacks
        .secret(tenantId, provider)
        .orElseThrow(
            () -> ApiException.notFound(provider.wireName() + " callback of tenant", tenantId));
  }

  /** Runs a parse; an unreadable body is kept with the reason and answered 400 naming the field. */
  private <T> T readable(UUID tenantId, Provider provider, String raw, Supplier<T> parse) {
    try {
      return parse.get();
    } catch (UnreadableCallback e) {
      callbacks.keep(tenantId, provider.wireName() + "-callback", e.getMessage(), raw);
      throw ApiException.badRequest(e.field(), e.getMessage());
    }
  }

  private static ApiException badSignature(String header) {
    return new ApiException(
        HttpStatus.UNAUTHORIZED, header, header + ": the signature does not match");
  }
}
