package dev.heron.api.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.api.ApiTestSupport;
import dev.heron.api.ApiTestSupport.CreatedTenant;
import dev.heron.api.TestDb;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route with a path variable, as the router lists them, called by one tenant with another
 * tenant's ids: a 404 (or the refusal its probe names) whose body carries none of the owner's data,
 * and afterwards the owner's resources are as they were. A route without a probe fails the walk.
 */
@MicronautTest(transactional = false)
class TenantWalkTest extends ApiTestSupport {
  @Inject Router router;
  @Inject EmbeddedServer server;
  private HttpClient noRedirects;

  @BeforeAll
  void client() {
    DefaultHttpClientConfiguration config = new DefaultHttpClientConfiguration();
    config.setFollowRedirects(false);
    noRedirects = HttpClient.create(server.getURL(), config);
  }

  @AfterAll
  void closeClient() {
    noRedirects.close();
  }

  @Test
  void everyRouteWithAPathVariableRefusesAnotherTenantsIds() {
    Owned owner = OwnerSeed.everything(this, newTenant());
    CreatedTenant stranger = newTenant();
    String strangerSecret = "stranger-secret-" + UUID.randomUUID();
    for (String provider : List.of("whatsapp", "twilio", "bounces")) {
      call(
          HttpRequest.PUT(
              "/api/callbacks/" + provider,
              Map.of("secret", strangerSecret, "verifyToken", "not-yours")),
          stranger.apiKey(),
          Map.class);
    }
    Map<String, String> before = ownersView(owner);

    List<Probe> probes = RouteProbes.all(owner, strangerSecret);
    Set<String> probed = probes.stream().map(Probe::route).collect(Collectors.toSet());
    Set<String> routed = routesWithPathVariables();
    assertThat(difference(routed, probed))
        .as("routes with a path variable that the walk does not know how to fill")
        .isEmpty();
    assertThat(difference(probed, routed)).as("probes of routes that no longer exist").isEmpty();

    List<String> failures = new ArrayList<>();
    for (Probe probe : probes) {
      failures.addAll(check(probe, owner, stranger.apiKey()));
    }
    assertThat(failures).as("routes that answered another tenant's ids").isEmpty();
    assertThat(ownersView(owner)).as("the owner's resources after the walk").isEqualTo(before);
  }

  /**
   * Ids of another tenant where a request carries them in its body or query: a reference to them is
   * refused (4xx), a search for them finds nothing, and nothing of the owner's changes.
   */
  @Test
  void idsOfAnotherTenantInBodiesAndQueriesAreNeverFollowed() {
    Owned owner = OwnerSeed.everything(this, newTenant());
    CreatedTenant stranger = newTenant();
    String key = stranger.apiKey();
    UUID strangersList =
        UUID.fromString(
            (String)
                call(HttpRequest.POST("/api/lists", Map.of("name", "mine")), key, Map.class)
                    .get("id"));
    Map<String, String> before = ownersView(owner);

    List<Probe> references =
        List.of(
            Probe.post(
                "a campaign with the owner's template, identity and list",
                "/api/campaigns",
                Map.of(
                    "name",
                    "Borrowed",
                    "channel",
                    "email",
                    "messageClass",
                    "marketing",
                    "templateId",
                    owner.templateId(),
                    "senderIdentityId",
                    owner.identityId(),
                    "audience",
                    Map.of("lists", List.of(owner.listId())))),
            Probe.post(
                "the owner's contact into the stranger's list",
                "/api/lists/" + strangersList + "/contacts",
                Map.of("contactIds", List.of(owner.contactId()))),
            Probe.notFound(
                "an import into the owner's list",
                HttpRequest.POST(
                        "/api/contacts/import?list=" + owner.listId(), "email\nx@gmail.test\n")
                    .contentType("text/csv")),
            Probe.post(
                "the warmup of the owner's IP", "/api/warmup/start", Map.of("ip", owner.ip())),
            Probe.post(
                "a conversion credited to the owner's message",
                "/api/conversions",
                Map.of("messageId", owner.messageId(), "orderId", "borrowed")),
            Probe.post(
                "a conversion credited to the owner's campaign and contact",
                "/api/conversions",
                Map.of("campaignId", owner.campaignId(), "contactId", owner.contactId())));
    List<String> failures = new ArrayList<>();
    for (Probe probe : references) {
      Answer answer = send(probe.request().bearerAuth(key));
      if (answer.status() < 400 || answer.status() >= 500 || answer.status() == 401) {
        failures.add(probe.route() + ": " + answer.status() + " " + answer.body());
      }
      failures.addAll(leaks(probe, answer, owner));
    }
    for (String query :
        List.of(
            "/api/messages?messageId=" + owner.messageId(),
            "/api/messages?campaignId=" + owner.campaignId(),
            "/api/messages?recipient=" + owner.marker() + "@gmail.test",
            "/api/contacts?email=" + owner.marker() + "@gmail.test")) {
      Probe search = Probe.get(query, query);
      Answer answer = send(search.request().bearerAuth(key));
      if (answer.status() != 200 && answer.status() != 404) {
        failures.add(query + ": " + answer.status() + " " + answer.body());
      }
      failures.addAll(leaks(search, answer, owner));
    }
    assertThat(failures).as("requests that followed another tenant's ids").isEmpty();
    assertThat(
            TestDb.count(
                "SELECT count(*) FROM list_contacts WHERE list_id = ? OR contact_id = ? AND list_id <> ?",
                strangersList,
                owner.contactId(),
                owner.listId()))
        .as("memberships across tenants")
        .isZero();
    assertThat(ownersView(owner)).as("the owner's resources afterwards").isEqualTo(before);
  }

  /** Bodies no client should send: malformed, of the wrong shape, mistyped, oversized. */
  private static final List<String> HOSTILE_BODIES =
      List.of(
          "{",
          "[]",
          "null",
          "\"just a string\"",
          "{\"name\": {\"nested\": [1]}, \"id\": 12, \"email\": false, \"value\": \"lots\","
              + " \"status\": 7, \"secret\": [], \"url\": 3, \"messageId\": \"x\","
              + " \"contactIds\": \"all\", \"audience\": 5, \"schedule\": \"soon\"}",
          "{\"name\": \"" + "x".repeat(100_000) + "\"}");

  /** Query parameters of every kind the routes take, none of them valid. */
  private static final String HOSTILE_QUERY =
      "?limit=-1&offset=x&from=yesterday&to=0&group_by=nope&email=%00&campaignId=zz&messageId=1"
          + "&recipient=&list=not-an-id&ip=999.1.1.1&status=sideways";

  /**
   * Hostile input on every route the application serves, sent with the owner's own key and ids so
   * that it gets past the lookups to the validation: malformed and mistyped bodies, ids that are no
   * ids, query parameters of the wrong kind. Every answer is below 500, and a 400 says why.
   */
  @Test
  void everyRouteAnswersHostileInputWithoutAServerError() {
    CreatedTenant tenant = newTenant();
    Owned owner = OwnerSeed.everything(this, tenant);
    Map<String, String> filled = new LinkedHashMap<>();
    for (Probe probe : RouteProbes.all(owner, "hostile-walk-secret")) {
      filled.putIfAbsent(probe.route(), probe.request().getPath());
    }
    List<String> routes =
        router
            .uriRoutes()
            .map(r -> r.getHttpMethodName() + " " + r.getUriMatchTemplate())
            .distinct()
            // Deletes last, so that the other routes meet the owner's resources.
            .sorted(
                Comparator.comparing((String r) -> r.startsWith("DELETE ")).thenComparing(r -> r))
            .toList();

    List<String> failures = new ArrayList<>();
    for (String route : routes) {
      String method = route.substring(0, route.indexOf(' '));
      String template = route.substring(route.indexOf(' ') + 1);
      List<String> paths = new ArrayList<>();
      paths.add(filled.getOrDefault(route, template));
      if (template.contains("{")) {
        paths.add(template.replaceAll("\\{[^}]+}", "not-an-id"));
      }
      for (String path : paths) {
        for (MutableHttpRequest<?> request : hostile(method, path)) {
          if (request.getPath().startsWith("/api/")) {
            request.bearerAuth(tenant.apiKey());
          }
          Answer answer = send(request);
          String body =
              answer.body().length() > 300 ? answer.body().substring(0, 300) : answer.body();
          if (answer.status() >= 500) {
            failures.add(method + " " + request.getUri() + ": " + answer.status() + " " + body);
          } else if (answer.status() == 400
              && !method.equals("HEAD") // a HEAD answer has no body
              && !answer.body().contains("\"error\"")) {
            failures.add(method + " " + request.getUri() + ": a 400 without a reason: " + body);
          }
        }
      }
    }
    assertThat(failures).as("routes that failed on hostile input").isEmpty();

    // A mistyped field of a JSON body is named, with what was expected there.
    Answer mistyped =
        send(
            HttpRequest.POST("/api/lists", "{\"name\": {\"nested\": [1]}}")
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(tenant.apiKey()));
    assertThat(mistyped.status()).isEqualTo(400);
    assertThat(mistyped.body())
        .contains("\"field\":\"name\"")
        .contains("a text was expected, not an object");
  }

  private static List<MutableHttpRequest<?>> hostile(String method, String path) {
    List<MutableHttpRequest<?>> requests = new ArrayList<>();
    switch (method) {
      case "GET", "HEAD", "DELETE", "OPTIONS" ->
          requests.add(HttpRequest.create(HttpMethod.parse(method), path + HOSTILE_QUERY));
      default -> {
        for (String body : HOSTILE_BODIES) {
          requests.add(
              HttpRequest.create(HttpMethod.parse(method), path + HOSTILE_QUERY)
                  .body(body)
                  .contentType(MediaType.APPLICATION_JSON_TYPE));
        }
        requests.add(
            HttpRequest.create(HttpMethod.parse(method), path)
                .body("email\n\u0000\"unterminated\n")
                .contentType(MediaType.of("text/csv")));
        requests.add(
            HttpRequest.create(HttpMethod.parse(method), path)
                .body("a=%ZZ&b")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE));
      }
    }
    return requests;
  }

  /** {@code "GET /api/lists/{id}"} for each route the application serves with a path variable. */
  private Set<String> routesWithPathVariables() {
    return router
        .uriRoutes()
        .filter(r -> !r.getUriMatchTemplate().getVariableNames().isEmpty())
        .map(r -> r.getHttpMethodName() + " " + r.getUriMatchTemplate())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> rest = new TreeSet<>(a);
    rest.removeAll(b);
    return rest;
  }

  private List<String> check(Probe probe, Owned owner, String strangerKey) {
    MutableHttpRequest<?> request = probe.request();
    if (request.getPath().startsWith("/api/")) {
      request.bearerAuth(strangerKey);
    }
    Answer answer = send(request);
    List<String> failures = new ArrayList<>();
    if (answer.status() != probe.expected()) {
      failures.add(
          probe.route()
              + ": "
              + answer.status()
              + " instead of "
              + probe.expected()
              + " ("
              + probe.why()
              + "): "
              + answer.body());
    }
    if (answer.location() != null) {
      failures.add(probe.route() + ": redirected to " + answer.location());
    }
    failures.addAll(leaks(probe, answer, owner));
    return failures;
  }

  /** The owner's values in an answer, other than those the request itself carried. */
  private static List<String> leaks(Probe probe, Answer answer, Owned owner) {
    String sent = probe.sent();
    List<String> leaks = new ArrayList<>();
    for (String secret : owner.secrets()) {
      if (!sent.contains(secret) && answer.body().contains(secret)) {
        leaks.add(probe.route() + ": the answer carries the owner's " + secret);
      }
    }
    return leaks;
  }

  record Answer(int status, String body, String location) {}

  private Answer send(MutableHttpRequest<?> request) {
    try {
      HttpResponse<byte[]> r = noRedirects.toBlocking().exchange(request, byte[].class);
      return new Answer(r.code(), text(r.body()), r.header("Location"));
    } catch (HttpClientResponseException e) {
      byte[] body = e.getResponse().getBody(byte[].class).orElse(null);
      return new Answer(e.getStatus().getCode(), text(body), e.getResponse().header("Location"));
    }
  }

  private static String text(byte[] body) {
    return body == null ? "" : new String(body, StandardCharsets.UTF_8);
  }

  /** What the owner sees of its resources: a stranger's refused call must not change any of it. */
  private Map<String, String> ownersView(Owned o) {
    Map<String, String> view = new LinkedHashMap<>();
    for (String path :
        List.of(
            "/api/campaigns/" + o.campaignId(),
            "/api/campaigns/" + o.campaignId() + "/advisor",
            "/api/contacts/" + o.contactId(),
            "/api/lists/" + o.listId() + "/preview",
            "/api/templates/" + o.templateId() + "/versions",
            "/api/webhooks/" + o.webhookId(),
            "/api/sender-identities/" + o.identityId(),
            "/api/callbacks")) {
      view.put(path, call(HttpRequest.GET(path), o.key(), String.class));
    }
    view.put(
        "suppressed",
        String.valueOf(
            TestDb.count(
                "SELECT count(*) FROM suppression_list WHERE tenant_id = ?", o.tenantId())));
    return view;
  }

  /** Seeding helpers for {@link OwnerSeed}, which lives outside the test's inheritance. */
  <T> T as(String key, MutableHttpRequest<?> request, Class<T> type) {
    return call(request, key, type);
  }

  ImportView importFor(String key, UUID listId, String csv) {
    return importCsv(key, listId.toString(), csv);
  }

  static String randomPrivateIp() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "10." + r.nextInt(1, 255) + "." + r.nextInt(1, 255) + "." + r.nextInt(1, 255);
  }
}
