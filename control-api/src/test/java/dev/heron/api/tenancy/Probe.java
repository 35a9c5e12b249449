package dev.heron.api.tenancy;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;

/**
 * One call of the walk: a route (as the router names it, {@code "GET /api/lists/{id}"}) filled with
 * the owner's ids, sent by a stranger, and the status the stranger must get.
 *
 * @param why what the expected status means, for routes where it is not a plain 404
 */
record Probe(String route, MutableHttpRequest<?> request, int expected, String why) {

  /** A route of the API that the stranger calls with its own key: the owner's ids are a 404. */
  static Probe notFound(String route, MutableHttpRequest<?> request) {
    return new Probe(route, request, 404, "another tenant's id is not found");
  }

  static Probe get(String route, String path) {
    return notFound(route, HttpRequest.GET(path));
  }

  static Probe post(String route, String path, Object body) {
    return notFound(route, HttpRequest.POST(path, body));
  }

  /** What the request carries that the stranger already knows (its path, query and body). */
  String sent() {
    return request.getUri() + " " + request.getBody().map(String::valueOf).orElse("");
  }
}
