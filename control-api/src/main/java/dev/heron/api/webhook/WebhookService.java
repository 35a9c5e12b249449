package dev.heron.api.webhook;

import dev.heron.api.db.Db;
import dev.heron.api.error.ApiException;
import dev.heron.api.paging.Page;
import dev.heron.events.EventType;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** Tenants' webhook subscriptions and their delivery logs. */
@Singleton
public class WebhookService {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Db db;
  private final WebhookSubscriptions subscriptions;

  WebhookService(Db db, WebhookSubscriptions subscriptions) {
    this.db = db.withQueries(WebhookQueries.FILE, WebhookQueries.ALL);
    this.subscriptions = subscriptions;
  }

  WebhookRequests.View create(UUID tenantId, WebhookRequests.Create request) {
    String url = checkedUrl(request.url());
    List<String> types = checkedTypes(request.eventTypes());
    String secret =
        request.secret() == null || request.secret().isBlank()
            ? "whsec_" + HexFormat.of().formatHex(randomBytes(24))
            : request.secret();
    WebhookRequests.View created =
        db.transaction(
            tx ->
                tx.one(
                        WebhookQueries.INSERT,
                        WebhookRequests.View::of,
                        tenantId,
                        url,
                        secret,
                        types)
                    .orElseThrow());
    subscriptions.forget(tenantId);
    return created.withSecret(secret);
  }

  List<WebhookRequests.View> list(UUID tenantId) {
    return db.transaction(tx -> tx.list(WebhookQueries.LIST, WebhookRequests.View::of, tenantId));
  }

  WebhookRequests.View get(UUID tenantId, UUID id) {
    return db.transaction(
            tx -> tx.one(WebhookQueries.BY_ID, WebhookRequests.View::of, tenantId, id))
        .orElseThrow(() -> ApiException.notFound("webhook", id));
  }

  void delete(UUID tenantId, UUID id) {
    db.transaction(
        tx -> {
          if (tx.update(WebhookQueries.DEACTIVATE, tenantId, id) == 0) {
            throw ApiException.notFound("webhook", id);
          }
          return tx.update(WebhookQueries.ABANDON_PENDING, id);
        });
    subscriptions.forget(tenantId);
  }

  Page<WebhookRequests.Delivery> deliveries(UUID tenantId, UUID id, Page.Request page) {
    get(tenantId, id);
    List<WebhookRequests.Delivery> items =
        db.transaction(
            tx ->
                tx.list(
                    WebhookQueries.DELIVERIES,
                    WebhookRequests.Delivery::of,
                    id,
                    page.limit(),
                    page.offset()));
    return new Page<>(items, page.limit(), page.offset());
  }

  static String checkedUrl(String url) {
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri.toString();
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw ApiException.badRequest(
        "url", "url: must be an absolute http or https URL, was '" + url + "'");
  }

  static List<String> checkedTypes(List<String> types) {
    if (types == null) {
      return List.of();
    }
    Set<String> checked = new LinkedHashSet<>();
    for (int i = 0; i < types.size(); i++) {
      String type = types.get(i) == null ? "" : types.get(i).strip().toUpperCase(Locale.ROOT);
      try {
        checked.add(EventType.valueOf(type).name());
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(
            "eventTypes[" + i + "]",
            "eventTypes["
                + i
                + "]: '"
                + types.get(i)
                + "' is not one of "
                + List.of(EventType.values()));
      }
    }
    return new ArrayList<>(checked);
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
