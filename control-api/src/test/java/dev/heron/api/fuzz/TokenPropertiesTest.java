package dev.heron.api.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.api.TestDb;
import dev.heron.events.TrackingLinks;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The signed tokens of {@link TrackingLinks} and the endpoints that read them: a mutated,
 * truncated, re-signed, mistyped or other message's token is refused (404, or the pixel's image),
 * never a 500, and a click never redirects anywhere but to the URL recorded for that message and
 * link. The endpoint properties run against the real application; tries are few on purpose.
 */
class TokenPropertiesTest {
  private static final TrackingLinks LINKS = TrackingLinks.fromSettings();
  private static RunningApi api;
  private static List<SentMessage> messages;

  /** A message of its own tenant, with the one link (index 0) recorded for it. */
  record SentMessage(UUID id, String url) {}

  @BeforeContainer
  static void start() {
    api = RunningApi.start();
    messages = List.of(sentMessage(), sentMessage());
  }

  @AfterContainer
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  // --- the token format alone

  @Property(tries = 300)
  void aTokenVerifiesAsItsOwnKindOnly(
      @ForAll TrackingLinks.Kind kind,
      @ForAll TrackingLinks.Kind asked,
      @ForAll("uuids") UUID messageId,
      @ForAll int link) {
    Optional<TrackingLinks.Token> verified =
        LINKS.verify(LINKS.token(kind, messageId, link), asked);
    if (kind == asked) {
      assertThat(verified).contains(new TrackingLinks.Token(kind, messageId, link));
    } else {
      assertThat(verified).isEmpty();
    }
  }

  @Property(tries = 300)
  void aChangedTokenVerifiesOnlyAsTheSameBytes(
      @ForAll TrackingLinks.Kind kind,
      @ForAll("uuids") UUID messageId,
      @ForAll @IntRange(min = -1, max = 50) int link,
      @ForAll("edits") List<Edit> edits) {
    String token = LINKS.token(kind, messageId, link);
    String changed = token;
    for (Edit edit : edits) {
      changed = edit.apply(changed);
    }
    Optional<TrackingLinks.Token> verified = LINKS.verify(changed, kind);
    if (verified.isPresent()) {
      // Base64 ignores the unused low bits of the last character: another spelling, same token.
      assertThat(decoded(changed)).isEqualTo(decoded(token));
      assertThat(verified.get()).isEqualTo(new TrackingLinks.Token(kind, messageId, link));
    }
  }

  @Property(tries = 300)
  void aTokenSignedWithAnotherSecretNeverVerifies(
      @ForAll TrackingLinks.Kind kind,
      @ForAll("uuids") UUID messageId,
      @ForAll int link,
      @ForAll("secrets") String secret) {
    TrackingLinks forger = new TrackingLinks("http://forger.test", secret);
    assertThat(LINKS.verify(forger.token(kind, messageId, link), kind)).isEmpty();
  }

  @Property(tries = 500)
  void anyStringIsRefusedWithoutAnException(@ForAll String text, @ForAll TrackingLinks.Kind kind) {
    assertThat(LINKS.verify(text, kind)).isEmpty();
  }

  // --- through the endpoints

  @Property(tries = 30)
  void anyPathSegmentIsTheImageOrARefusal(@ForAll String text) {
    String segment = URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    RunningApi.Answer pixel = api.send(HttpRequest.GET("/t/o/" + segment));
    assertThat(pixel.status()).as(pixel.body()).isIn(200, 404);
    for (RunningApi.Answer answer :
        List.of(
            api.send(HttpRequest.GET("/t/c/" + segment)),
            api.send(HttpRequest.GET("/t/u/" + segment)),
            unsubscribe(segment))) {
      assertRefused(answer);
    }
  }

  @Property(tries = 40)
  void aClickGoesOnlyToTheUrlRecordedForItsMessageAndLink(
      @ForAll @IntRange(min = 0, max = 1) int which,
      @ForAll @IntRange(min = -2, max = 3) int link,
      @ForAll("edits") List<Edit> edits,
      @ForAll boolean edited,
      @ForAll("secrets") String secret,
      @ForAll boolean resigned) {
    SentMessage message = messages.get(which);
    TrackingLinks signer = resigned ? new TrackingLinks("http://forger.test", secret) : LINKS;
    String token = signer.token(TrackingLinks.Kind.CLICK, message.id(), link);
    if (edited) {
      for (Edit edit : edits) {
        token = edit.apply(token);
      }
    }
    String segment = URLEncoder.encode(token, StandardCharsets.UTF_8);
    RunningApi.Answer click = api.send(HttpRequest.GET("/t/c/" + segment));
    Optional<TrackingLinks.Token> valid = LINKS.verify(token, TrackingLinks.Kind.CLICK);
    if (valid.isPresent() && valid.get().link() == 0) {
      assertThat(click.status()).isEqualTo(302);
      assertThat(click.location()).isEqualTo(urlOf(valid.get().messageId()));
    } else {
      assertRefused(click);
    }
    RunningApi.Answer genuine =
        api.send(HttpRequest.GET("/t/c/" + LINKS.token(TrackingLinks.Kind.CLICK, message.id(), 0)));
    assertThat(genuine.status()).isEqualTo(302);
    assertThat(genuine.location()).isEqualTo(message.url());
    for (TrackingLinks.Kind other :
        List.of(TrackingLinks.Kind.OPEN, TrackingLinks.Kind.UNSUBSCRIBE)) {
      String mistyped = signer.token(other, message.id(), link);
      assertRefused(api.send(HttpRequest.GET("/t/c/" + mistyped)));
    }
  }

  @Property(tries = 30)
  void anUnsubscribeTokenOfNoKnownMessageIsRefused(
      @ForAll("uuids") UUID unknown, @ForAll("edits") List<Edit> edits) {
    String token = LINKS.token(TrackingLinks.Kind.UNSUBSCRIBE, unknown, -1);
    assertRefused(api.send(HttpRequest.GET("/t/u/" + token)));
    assertRefused(unsubscribe(token));
    String changed = LINKS.token(TrackingLinks.Kind.UNSUBSCRIBE, messages.get(0).id(), -1);
    for (Edit edit : edits) {
      changed = edit.apply(changed);
    }
    String segment = URLEncoder.encode(changed, StandardCharsets.UTF_8);
    if (LINKS.verify(changed, TrackingLinks.Kind.UNSUBSCRIBE).isEmpty()) {
      assertRefused(api.send(HttpRequest.GET("/t/u/" + segment)));
    }
  }

  /** One change to a token's text: a character replaced, inserted or removed, or the rest cut. */
  record Edit(int kind, int where, char c) {
    String apply(String token) {
      if (token.isEmpty()) {
        return String.valueOf(c);
      }
      int at = Math.floorMod(where, token.length());
      return switch (kind) {
        case 0 -> token.substring(0, at) + c + token.substring(at + 1);
        case 1 -> token.substring(0, at) + c + token.substring(at);
        case 2 -> token.substring(0, at) + token.substring(at + 1);
        default -> token.substring(0, at);
      };
    }
  }

  @Provide
  Arbitrary<List<Edit>> edits() {
    Arbitrary<Character> chars =
        Arbitraries.oneOf(
            Arbitraries.chars()
                .with("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            Arbitraries.chars().with("=+/.%~ \u00e9\u0000"));
    return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers(), chars)
        .as(Edit::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(4);
  }

  @Provide
  Arbitrary<UUID> uuids() {
    return Arbitraries.create(UUID::randomUUID);
  }

  @Provide
  Arbitrary<String> secrets() {
    return Arbitraries.strings().ofMinLength(1).ofMaxLength(40).filter(s -> !s.equals(secret()));
  }

  private static String secret() {
    return dev.heron.events.Settings.get(dev.heron.events.Settings.TRACKING_SECRET);
  }

  private static RunningApi.Answer unsubscribe(String segment) {
    return api.send(
        HttpRequest.POST("/t/u/" + segment, "List-Unsubscribe=One-Click")
            .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE));
  }

  /** A refusal: 404 (or 400/405 for a path that is no token at all), no redirect, no 500. */
  private static void assertRefused(RunningApi.Answer answer) {
    assertThat(answer.status()).as(answer.body()).isIn(400, 404, 405);
    assertThat(answer.location()).isNull();
  }

  private static String urlOf(UUID messageId) {
    return messages.stream()
        .filter(m -> m.id().equals(messageId))
        .map(SentMessage::url)
        .findFirst()
        .orElseThrow();
  }

  private static byte[] decoded(String token) {
    try {
      return Base64.getUrlDecoder()
          .decode(token.endsWith(".gif") ? token.substring(0, token.length() - 4) : token);
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  /** A tenant with one launched campaign of one contact, whose message has link 0 recorded. */
  private static SentMessage sentMessage() {
    RunningApi.Tenant tenant = api.newTenant();
    String marker = "tok" + UUID.randomUUID().toString().substring(0, 8);
    String domain = marker + ".heron.test";
    UUID identity =
        id(
            post(
                tenant,
                "/api/sender-identities",
                Map.of("domain", domain, "fromAddress", "hello@" + domain)));
    UUID list = id(post(tenant, "/api/lists", Map.of("name", marker)));
    UUID template =
        id(
            post(
                tenant,
                "/api/templates",
                Map.of(
                    "name", marker,
                    "channel", "email",
                    "subject", "Hi",
                    "html", "<p><a href=\"https://shop." + domain + "/a\">a</a></p>",
                    "text", "Hi")));
    RunningApi.Answer imported =
        api.send(
            HttpRequest.POST(
                    "/api/contacts/import?list=" + list, "email\n" + marker + "@gmail.test\n")
                .contentType("text/csv")
                .bearerAuth(tenant.key()));
    assertThat(imported.status()).as(imported.body()).isEqualTo(201);
    UUID campaign =
        id(
            post(
                tenant,
                "/api/campaigns",
                Map.of(
                    "name",
                    marker,
                    "channel",
                    "email",
                    "messageClass",
                    "transactional",
                    "templateId",
                    template,
                    "senderIdentityId",
                    identity,
                    "audience",
                    Map.of("lists", List.of(list)))));
    post(tenant, "/api/campaigns/" + campaign + "/launch", Map.of());
    UUID messageId =
        (UUID)
            TestDb.rows("SELECT message_id FROM recipients WHERE campaign_id = ?", campaign)
                .get(0)
                .get("message_id");
    String url = "https://shop." + domain + "/a?m=" + marker;
    TestDb.update(
        "INSERT INTO message_links (message_id, link_index, url) VALUES (?, 0, ?)", messageId, url);
    return new SentMessage(messageId, url);
  }

  private static Map<?, ?> post(RunningApi.Tenant tenant, String path, Object body) {
    RunningApi.Answer answer = api.send(HttpRequest.POST(path, body).bearerAuth(tenant.key()));
    assertThat(answer.status()).as(path + ": " + answer.body()).isBetween(200, 201);
    return api.read(answer.body(), Map.class);
  }

  private static UUID id(Map<?, ?> body) {
    return UUID.fromString(String.valueOf(body.get("id")));
  }
}
