package dev.heron.api.tenancy;

import static dev.heron.api.tenancy.Probe.get;
import static dev.heron.api.tenancy.Probe.notFound;
import static dev.heron.api.tenancy.Probe.post;

import dev.heron.api.webhook.WebhookSignature;
import dev.heron.events.Settings;
import dev.heron.events.TrackingLinks;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How the walk fills every route that has a path variable. A route missing here fails the walk, so
 * a new endpoint cannot skip the check: add its probe with the owner's ids.
 */
final class RouteProbes {
  private static final String WHATSAPP_STATUS = "{\"object\":\"whatsapp_business_account\"}";
  private static final String BOUNCE_REPORT = "{\"reports\":[]}";

  /**
   * @param strangerSecret the secret the stranger configured for its own callbacks: a signature
   *     made with it is well-formed but not the owner's
   */
  static List<Probe> all(Owned o, String strangerSecret) {
    String campaign = "/api/campaigns/" + o.campaignId();
    String template = "/api/templates/" + o.templateId();
    String list = "/api/lists/" + o.listId();
    String contact = "/api/contacts/" + o.contactId();
    String webhook = "/api/webhooks/" + o.webhookId();
    List<Probe> probes = new ArrayList<>();

    probes.add(get("GET /api/campaigns/{id}", campaign));
    for (String action : List.of("launch", "plan", "pause", "resume", "cancel")) {
      probes.add(post("POST /api/campaigns/{id}/" + action, campaign + "/" + action, Map.of()));
    }
    probes.add(get("GET /api/campaigns/{id}/ab", campaign + "/ab"));
    probes.add(get("GET /api/campaigns/{id}/similar", campaign + "/similar"));
    probes.add(get("GET /api/campaigns/{id}/insights", campaign + "/insights"));
    probes.add(get("GET /api/campaigns/{id}/advisor", campaign + "/advisor"));
    probes.add(post("POST /api/campaigns/{id}/advisor/run", campaign + "/advisor/run", Map.of()));
    probes.add(
        post(
            "POST /api/campaigns/{id}/advisor/{rid}/dismiss",
            campaign + "/advisor/" + o.recommendationId() + "/dismiss",
            Map.of()));

    probes.add(get("GET /api/templates/{id}", template));
    probes.add(get("GET /api/templates/{id}/versions", template + "/versions"));
    probes.add(
        post(
            "POST /api/templates/{id}/versions",
            template + "/versions",
            Map.of("subject", "Taken over", "html", "<p>x</p>", "text", "x")));
    probes.add(
        post(
            "POST /api/templates/{id}/versions/{version}/status",
            template + "/versions/" + o.templateVersion() + "/status",
            Map.of("status", "received")));

    probes.add(get("GET /api/lists/{id}", list));
    probes.add(get("GET /api/lists/{id}/preview", list + "/preview"));
    probes.add(
        post(
            "POST /api/lists/{id}/contacts",
            list + "/contacts",
            Map.of("contactIds", List.of(o.contactId()))));

    probes.add(get("GET /api/contacts/{id}", contact));
    probes.add(
        notFound(
            "PATCH /api/contacts/{id}",
            HttpRequest.PATCH(contact, Map.of("firstName", "Taken", "optedOut", true))));
    probes.add(get("GET /api/contacts/{id}/timeline", contact + "/timeline"));
    probes.add(get("GET /api/imports/{id}", "/api/imports/" + o.importId()));
    probes.add(get("GET /api/sender-identities/{id}", "/api/sender-identities/" + o.identityId()));

    probes.add(get("GET /api/webhooks/{id}", webhook));
    probes.add(get("GET /api/webhooks/{id}/deliveries", webhook + "/deliveries"));
    probes.add(notFound("DELETE /api/webhooks/{id}", HttpRequest.DELETE(webhook)));

    probes.add(get("GET /api/ip-scores/{ip}/history", "/api/ip-scores/" + o.ip() + "/history"));
    probes.add(
        new Probe(
            "PUT /api/callbacks/{provider}",
            HttpRequest.PUT("/api/callbacks/bounces", Map.of("secret", strangerSecret)),
            200,
            "{provider} is not an id: it sets the stranger's own secret, never the owner's"));

    probes.add(
        new Probe(
            "GET /health/{selector}",
            HttpRequest.GET("/health/liveness"),
            200,
            "{selector} is not an id: the service's own liveness, no tenant's data"));

    probes.addAll(callbacks(o, strangerSecret));
    probes.addAll(tracking(o));
    probes.addAll(heads(probes));
    return probes;
  }

  /** The router answers HEAD wherever it answers GET: the same refusal, without a body. */
  private static List<Probe> heads(List<Probe> probes) {
    List<Probe> heads = new ArrayList<>();
    for (Probe probe : probes) {
      if (probe.route().startsWith("GET ")) {
        heads.add(
            new Probe(
                "HEAD " + probe.route().substring(4),
                HttpRequest.HEAD(probe.request().getUri().toString()),
                probe.expected(),
                probe.why()));
      }
    }
    return heads;
  }

  /** Inbound callbacks to the owner's URL, signed with the stranger's secret: 401 (403). */
  private static List<Probe> callbacks(Owned o, String strangerSecret) {
    String whatsapp = "/callbacks/whatsapp/" + o.tenantId();
    String twilio = "/callbacks/twilio/" + o.tenantId();
    String bounces = "/callbacks/bounces/" + o.tenantId();
    String twilioForm = "MessageSid=SM1&MessageStatus=delivered";
    String signedTwilioUrl = Settings.get(Settings.PUBLIC_URL) + twilio;
    return List.of(
        new Probe(
            "GET /callbacks/whatsapp/{tenantId}",
            HttpRequest.GET(
                whatsapp + "?hub.mode=subscribe&hub.verify_token=not-yours&hub.challenge=42"),
            403,
            "Meta's handshake with a verify token that is not the owner's"),
        new Probe(
            "POST /callbacks/whatsapp/{tenantId}",
            HttpRequest.POST(whatsapp, WHATSAPP_STATUS)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(
                    "X-Hub-Signature-256",
                    "sha256="
                        + HexFormat.of()
                            .formatHex(hmac("HmacSHA256", strangerSecret, WHATSAPP_STATUS))),
            401,
            "signed with another tenant's app secret"),
        new Probe(
            "POST /callbacks/twilio/{tenantId}",
            HttpRequest.POST(twilio, twilioForm)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                .header(
                    "X-Twilio-Signature",
                    Base64.getEncoder()
                        .encodeToString(
                            hmac(
                                "HmacSHA1",
                                strangerSecret,
                                signedTwilioUrl + "MessageSidSM1MessageStatusdelivered"))),
            401,
            "signed with another tenant's auth token"),
        new Probe(
            "POST /callbacks/bounces/{tenantId}",
            HttpRequest.POST(bounces, BOUNCE_REPORT)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(
                    WebhookSignature.HEADER,
                    WebhookSignature.sign(
                        strangerSecret,
                        Instant.now(),
                        BOUNCE_REPORT.getBytes(StandardCharsets.UTF_8))),
            401,
            "signed with another tenant's secret"));
  }

  /**
   * The public tracking links carry a signed token, not a tenant: a token for the owner's message
   * signed by someone else (a stranger guessing ids) is refused, and the pixel, which always
   * answers the image, answers only the image.
   */
  private static List<Probe> tracking(Owned o) {
    TrackingLinks forger = new TrackingLinks("http://forger.test", "not-the-tracking-secret");
    TrackingLinks.Kind click = TrackingLinks.Kind.CLICK;
    TrackingLinks.Kind unsubscribe = TrackingLinks.Kind.UNSUBSCRIBE;
    String forgedClick = forger.token(click, o.messageId(), 0);
    String forgedUnsubscribe = forger.token(unsubscribe, o.messageId(), -1);
    return List.of(
        new Probe(
            "GET /t/o/{token}",
            HttpRequest.GET("/t/o/" + forger.token(TrackingLinks.Kind.OPEN, o.messageId(), -1)),
            200,
            "the pixel is always the image; a forged token records nothing"),
        new Probe(
            "GET /t/c/{token}",
            HttpRequest.GET("/t/c/" + forgedClick),
            404,
            "a forged click token"),
        new Probe(
            "GET /t/u/{token}",
            HttpRequest.GET("/t/u/" + forgedUnsubscribe),
            404,
            "a forged unsubscribe token"),
        new Probe(
            "POST /t/u/{token}",
            HttpRequest.POST("/t/u/" + forgedUnsubscribe, "List-Unsubscribe=One-Click")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE),
            404,
            "a forged one-click unsubscribe"));
  }

  private static byte[] hmac(String algorithm, String secret, String data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm, e);
    }
  }

  private RouteProbes() {}
}
