package dev.heron.simulator.recipients;

import dev.heron.events.TrackingLinks;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tracking URLs a recipient can reach in a delivered message, as a mail client would find them:
 * the open pixel ({@code <img src>} on the open path), the tracked links ({@code <a href>} on the
 * click path) and the one-click unsubscribe URL of RFC 8058.
 */
public record TrackedLinks(
    Optional<String> pixel, List<String> clicks, Optional<String> oneClickUnsubscribe) {

  private static final Session MIME = Session.getInstance(new Properties());
  private static final Pattern IMG_SRC =
      Pattern.compile("<img\\b[^>]*?\\bsrc\\s*=\\s*[\"']([^\"']+)[\"']", Pattern.CASE_INSENSITIVE);
  private static final Pattern A_HREF =
      Pattern.compile("<a\\b[^>]*?\\bhref\\s*=\\s*[\"']([^\"']+)[\"']", Pattern.CASE_INSENSITIVE);
  private static final Pattern ANGLE_URL = Pattern.compile("<(https?://[^>]+)>");

  public static final TrackedLinks NONE =
      new TrackedLinks(Optional.empty(), List.of(), Optional.empty());

  /** The links in a raw RFC 5322 message; a message that cannot be parsed has none. */
  public static TrackedLinks in(byte[] raw) {
    try {
      MimeMessage message = new MimeMessage(MIME, new ByteArrayInputStream(raw));
      StringBuilder html = new StringBuilder();
      collectHtml(message, html);
      String text = html.toString(); // a String matches far faster than a StringBuilder
      Optional<String> pixel = first(IMG_SRC, text, TrackingLinks.OPEN_PATH);
      List<String> clicks = all(A_HREF, text, TrackingLinks.CLICK_PATH);
      return new TrackedLinks(pixel, clicks, oneClickUnsubscribe(message));
    } catch (MessagingException | IOException e) {
      return NONE;
    }
  }

  private static void collectHtml(Part part, StringBuilder html)
      throws MessagingException, IOException {
    if (part.isMimeType("text/html")) {
      Object content = part.getContent();
      if (content instanceof String text) {
        html.append(text).append('\n');
      }
    } else if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        collectHtml(child, html);
      }
    }
  }

  private static Optional<String> oneClickUnsubscribe(MimeMessage message)
      throws MessagingException {
    String post = message.getHeader("List-Unsubscribe-Post", null);
    String header = message.getHeader("List-Unsubscribe", null);
    if (post == null
        || header == null
        || !post.trim().equalsIgnoreCase("List-Unsubscribe=One-Click")) {
      return Optional.empty();
    }
    Matcher matcher = ANGLE_URL.matcher(header.replaceAll("\\s+", ""));
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  private static Optional<String> first(Pattern pattern, CharSequence html, String path) {
    List<String> found = all(pattern, html, path);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  private static List<String> all(Pattern pattern, CharSequence html, String path) {
    LinkedHashSet<String> found = new LinkedHashSet<>();
    Matcher matcher = pattern.matcher(html);
    while (matcher.find()) {
      String url = matcher.group(1).replace("&amp;", "&").trim();
      if (url.contains(path)) {
        found.add(url);
      }
    }
    return new ArrayList<>(found);
  }
}
