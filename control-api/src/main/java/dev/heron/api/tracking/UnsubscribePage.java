package dev.heron.api.tracking;

/** The small HTML pages of the unsubscribe link. */
final class UnsubscribePage {
  static String confirm(String token) {
    // The token is base64url (A-Z a-z 0-9 - _), so it is safe inside the attribute as it is.
    String safe = token.replaceAll("[^A-Za-z0-9_-]", "");
    return page(
        "Unsubscribe",
        "<p>Stop receiving these emails?</p>"
            + "<form method=\"post\" action=\"/t/u/"
            + safe
            + "\">"
            + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
            + "<button type=\"submit\">Unsubscribe</button>"
            + "</form>");
  }

  static String unknownLink() {
    return page("Link not recognised", "<p>This unsubscribe link is not valid.</p>");
  }

  private static String page(String title, String body) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + title
        + "</title></head><body><h1>"
        + title
        + "</h1>"
        + body
        + "</body></html>";
  }

  private UnsubscribePage() {}
}
