package dev.heron.api.template;

import dev.heron.api.error.ApiException;
import dev.heron.events.Channel;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * The content of one template version and what each channel requires of it: email has a subject and
 * an HTML and/or text body; WhatsApp, SMS, Facebook and Instagram have a text and optionally a
 * media URL (https), within each channel's length limit.
 */
record TemplateContent(String subject, String html, String text, String mediaUrl) {
  /** The longest text each messaging channel's API accepts in one message. */
  static final Map<Channel, Integer> TEXT_LIMITS =
      Map.of(
          Channel.WHATSAPP, 1024,
          Channel.SMS, 1600,
          Channel.FACEBOOK, 2000,
          Channel.INSTAGRAM, 1000);

  /** Checks the content for {@code channel}; a refusal is a 400 naming the field. */
  void check(Channel channel) {
    if (channel == Channel.EMAIL) {
      if (isBlank(subject)) {
        throw ApiException.badRequest("subject", "subject: an email template needs a subject");
      }
      if (isBlank(html) && isBlank(text)) {
        throw ApiException.badRequest(
            "html", "html: an email template needs an html or a text body");
      }
      if (mediaUrl != null) {
        throw ApiException.badRequest(
            "mediaUrl", "mediaUrl: an email template carries images in its html, not a media URL");
      }
      return;
    }
    String name = channel.wireName();
    if (subject != null) {
      throw ApiException.badRequest("subject", "subject: a " + name + " template has no subject");
    }
    if (html != null) {
      throw ApiException.badRequest("html", "html: a " + name + " template has text, not html");
    }
    if (isBlank(text)) {
      throw ApiException.badRequest("text", "text: a " + name + " template needs a text");
    }
    int limit = TEXT_LIMITS.get(channel);
    if (text.length() > limit) {
      throw ApiException.badRequest(
          "text",
          "text: a "
              + name
              + " message holds at most "
              + limit
              + " characters, was "
              + text.length());
    }
    if (mediaUrl != null) {
      checkMediaUrl(mediaUrl);
    }
  }

  private static void checkMediaUrl(String url) {
    try {
      URI uri = new URI(url);
      if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
        throw ApiException.badRequest(
            "mediaUrl", "mediaUrl: must be an https URL with a host, was '" + url + "'");
      }
    } catch (URISyntaxException e) {
      throw ApiException.badRequest("mediaUrl", "mediaUrl: '" + url + "' is not a URL");
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
