package dev.heron.senders.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heron.senders.world.TestDns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MxResolverTest {
  private static TestDns dns;
  private MxResolver resolver;

  @BeforeAll
  static void startDns() throws Exception {
    dns =
        new TestDns()
            .mx("gmail.test", 20, "alt1.gmail-smtp-in.l.google.com", 300)
            .mx("gmail.test", 10, "gmail-smtp-in.l.google.com", 300)
            .a("gmail-smtp-in.l.google.com", "127.0.0.1", 300)
            .a("alt1.gmail-smtp-in.l.google.com", "127.0.0.5", 300)
            .mx("yahoo.test", 1, "mta5.am0.yahoodns.net", 300)
            .a("mta5.am0.yahoodns.net", "127.0.0.1", 300)
            .a("implicit.test", "127.0.0.1", 300)
            .nullMx("nomail.test")
            .mx("dangling.test", 10, "gone.dangling.test", 300)
            .failing("broken.test");
  }

  @AfterAll
  static void stopDns() {
    dns.close();
  }

  private MxResolver resolver() {
    if (resolver == null) {
      resolver = new MxResolver(MxResolver.resolverFor(dns.hostPort()), ProviderRules.standard());
    }
    return resolver;
  }

  @Test
  void ordersExchangersByPreferenceAndNamesTheProvider() {
    MailRoute route = resolver().resolve("Gmail.Test");

    assertThat(route.provider()).isEqualTo("gmail");
    assertThat(route.hosts())
        .extracting(MxHost::name)
        .containsExactly("gmail-smtp-in.l.google.com", "alt1.gmail-smtp-in.l.google.com");
    assertThat(route.primary().addresses().get(0).getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(resolver().resolve("yahoo.test").provider()).isEqualTo("yahoo");
  }

  @Test
  void cachesAnswersForTheirTtl() {
    MxResolver fresh =
        new MxResolver(MxResolver.resolverFor(dns.hostPort()), ProviderRules.standard());
    fresh.resolve("yahoo.test");
    int asked = dns.queries();

    fresh.resolve("yahoo.test");
    fresh.resolve("YAHOO.test");

    assertThat(dns.queries()).isEqualTo(asked);
  }

  @Test
  void aDomainWithoutMxIsItsOwnExchanger() {
    MailRoute route = resolver().resolve("implicit.test");

    assertThat(route.primary().name()).isEqualTo("implicit.test");
    assertThat(route.provider()).isEqualTo("other");
  }

  @Test
  void anUnknownDomainOrANullMxCanNeverReceiveMail() {
    assertThatThrownBy(() -> resolver().resolve("nowhere.test"))
        .isInstanceOf(DnsLookupException.class)
        .hasMessageContaining("NXDOMAIN")
        .matches(e -> ((DnsLookupException) e).permanent());
    assertThatThrownBy(() -> resolver().resolve("nomail.test"))
        .hasMessageContaining("null MX")
        .matches(e -> ((DnsLookupException) e).permanent());
    assertThatThrownBy(() -> resolver().resolve("dangling.test"))
        .hasMessageContaining("no MX host of dangling.test has an address");
  }

  @Test
  void aFailingServerIsATemporaryFailure() {
    assertThatThrownBy(() -> resolver().resolve("broken.test"))
        .isInstanceOf(DnsLookupException.class)
        .hasMessageContaining("SERVFAIL")
        .matches(e -> !((DnsLookupException) e).permanent());
  }

  @Test
  void refusesAMalformedServerSetting() {
    assertThatThrownBy(() -> MxResolver.resolverFor("127.0.0.1:notaport"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HERON_DNS_SERVER");
  }
}
