package dev.heron.senders.delivery;

import java.util.List;

/**
 * A message's content after rendering and tracking.
 *
 * @param subject null for channels without one
 * @param html the HTML body with its links rewritten and the open pixel added; null when none
 * @param text the plain-text body; null when none
 * @param links the original URLs of the rewritten links, by link index
 * @param unsubscribeUrl the signed one-click unsubscribe URL of this message
 */
public record RenderedContent(
    String subject, String html, String text, List<String> links, String unsubscribeUrl) {
  public RenderedContent {
    links = List.copyOf(links);
  }
}
