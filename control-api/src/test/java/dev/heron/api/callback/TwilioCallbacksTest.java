package dev.heron.api.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TwilioCallbacksTest {
  @Test
  void theSignatureIsTheHmacSha1OfTheUrlAndTheSortedParameters() throws Exception {
    String url = "https://example.com/myapp.php?foo=1&bar=2";
    Map<String, List<String>> params =
        TwilioCallbacks.form(
            "To=%2B18005551212&From=%2B14158675310&Digits=1234&Caller=%2B14158675310&CallSid=CA1234567890ABCDE");
    // Twilio's documented recipe, spelled out: the URL, then name + value sorted by name.
    String data =
        url
            + "CallSidCA1234567890ABCDE"
            + "Caller+14158675310"
            + "Digits1234"
            + "From+14158675310"
            + "To+18005551212";
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec("12345".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    String expected =
        Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));

    assertThat(TwilioCallbacks.signature("12345", url, params)).isEqualTo(expected);
    assertThat(TwilioCallbacks.signatureHolds("12345", expected, url, params)).isTrue();
    assertThat(TwilioCallbacks.signatureHolds("12345", expected, url + "&x=1", params)).isFalse();
    assertThat(TwilioCallbacks.signatureHolds("other", expected, url, params)).isFalse();
  }
}
