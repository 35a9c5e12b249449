package dev.heron.senders.content;

import dev.heron.events.TrackingLinks;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the web links of an HTML body to signed click URLs and adds the open pixel. Only {@code
 * http(s)} links of {@code <a>} tags are rewritten; {@code mailto:}, anchors and Heron's own
 * tracking URLs (the unsubscribe link a template may carry) are left as they are.
 */
public final class LinkTracker {
  private static final Pattern ANCHOR_HREF =
      Pattern.compile(
          "(<a\\b[^>]*?\\bhref\\s*=\\s*)(\"([^\"]*)\"|'([^']*)')",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /** The HTML with tracking, and the original URLs by link index. */
  public record TrackedHtml(String html, List<String> links) {}

  private final TrackingLinks tracking;
  private final String ownPrefix;

  public LinkTracker(TrackingLinks tracking) {
    this.tracking = tracking;
    String unsubscribe = tracking.unsubscribeUrl(new UUID(0, 0));
    this.ownPrefix = unsubscribe.substring(0, unsubscribe.indexOf(TrackingLinks.UNSUBSCRIBE_PATH));
  }

  public TrackedHtml track(UUID messageId, String html) {
    List<String> links = new ArrayList<>();
    Matcher m = ANCHOR_HREF.matcher(html);
    StringBuilder out = new StringBuilder(html.length() + 512);
    while (m.find()) {
      String raw = m.group(3) != null ? m.group(3) : m.group(4);
      String url = unescape(raw.strip());
      if (isTrackable(url)) {
        String click = tracking.clickUrl(messageId, links.size());
        links.add(url);
        m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "\"" + click + "\""));
      } else {
        m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
      }
    }
    m.appendTail(out);
    return new TrackedHtml(withPixel(out.toString(), tracking.openUrl(messageId)), links);
  }

  private boolean isTrackable(String url) {
    String lower = url.toLowerCase(java.util.Locale.ROOT);
    return (lower.startsWith("http://") || lower.startsWith("https://"))
        && !url.startsWith(ownPrefix);
  }

  private static String withPixel(String html, String openUrl) {
    String pixel =
        "<img src=\"" + openUrl + "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:none\">";
    int at = lastBodyEnd(html);
    return at < 0 ? html + pixel : html.substring(0, at) + pixel + html.substring(at);
  }

  /**
   * Where the last {@code </body>} tag (any case, spaces before its {@code >}) starts, or -1:
   * looked for from the end, where it is, rather than by matching a pattern across the whole body.
   */
  static int lastBodyEnd(String html) {
    for (int at = html.lastIndexOf('<'); at >= 0; at = html.lastIndexOf('<', at - 1)) {
      if (html.regionMatches(true, at, "</body", 0, 6)) {
        int i = at + 6;
        while (i < html.length() && Character.isWhitespace(html.charAt(i))) {
          i++;
        }
        if (i < html.length() && html.charAt(i) == '>') {
          return at;
        }
      }
    }
    return -1;
  }

  private static final Pattern ENTITY =
      Pattern.compile("&(#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|amp|quot|apos|lt|gt);");

  /**
   * An href holds HTML, and Mustache escapes the values it inserts ({@code &} as {@code &amp;},
   * {@code =} as {@code &#61;}): the URL a click goes to is the unescaped one.
   */
  static String unescape(String href) {
    Matcher m = ENTITY.matcher(href);
    StringBuilder out = new StringBuilder(href.length());
    while (m.find()) {
      String replacement =
          switch (m.group(1)) {
            case "amp" -> "&";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "lt" -> "<";
            case "gt" -> ">";
            default ->
                Character.toString(
                    m.group(2) != null
                        ? Integer.parseInt(m.group(2))
                        : Integer.parseInt(m.group(3), 16));
          };
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
