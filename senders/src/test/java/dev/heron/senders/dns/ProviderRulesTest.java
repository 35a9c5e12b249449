package dev.heron.senders.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderRulesTest {
  private final ProviderRules rules = ProviderRules.standard();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "gmail-smtp-in.l.google.com, gmail",
    "alt1.gmail-smtp-in.l.google.com., gmail",
    "aspmx.l.google.com, gmail",
    "gmr-smtp-in.l.googlemail.com, gmail",
    "heron-test.mail.protection.outlook.com, outlook",
    "outlook-com.olc.protection.outlook.com, outlook",
    "mta5.am0.yahoodns.net, yahoo",
    "MX01.Mail.iCloud.com, apple",
    "mx.heron.test, other",
    "notgoogle.com, other",
  })
  void namesTheProviderByTheLongestMatchingSuffix(String host, String provider) {
    assertThat(rules.providerOf(host)).isEqualTo(provider);
  }

  @ParameterizedTest
  @CsvSource({"'example.com'", "'a b c'"})
  void refusesALineThatIsNotASuffixAndAProvider(String line) {
    assertThatThrownBy(() -> ProviderRules.parse(line))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("suffix provider");
  }
}
