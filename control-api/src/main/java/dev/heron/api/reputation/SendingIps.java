package dev.heron.api.reputation;

import dev.heron.api.error.ApiException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Sending IP addresses as the API accepts them: a literal IPv4 or IPv6 address, no names. */
public final class SendingIps {
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]{2,39}");

  /** The address checked and in its usual form, or a 400 naming {@code field}. */
  public static String checked(String ip, String field) {
    String v = ip == null ? "" : ip.strip();
    if (IPV4.matcher(v).matches()) {
      return v;
    }
    if (v.contains(":") && IPV6.matcher(v).matches()) {
      try {
        // A literal: InetAddress does not resolve it, it only parses it.
        return InetAddress.getByName(v).getHostAddress();
      } catch (UnknownHostException e) {
        // reported below
      }
    }
    throw ApiException.badRequest(field, field + ": '" + ip + "' is not an IPv4 or IPv6 address");
  }

  private SendingIps() {}
}
