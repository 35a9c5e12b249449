package dev.heron.simulator.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.simulator.TestPorts;
import dev.heron.simulator.TestTimes;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** The simulator's DNS, queried over real UDP with dnsjava's resolver. */
class DnsServerTest {
  @TempDir static Path zones;
  private static DnsServer server;
  private static SimpleResolver resolver;

  @BeforeAll
  static void start() throws Exception {
    server =
        DnsServer.start(
            DnsZones.load(Optional.of(zones)), InetAddress.getLoopbackAddress(), TestPorts.free());
    resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
    resolver.setPort(server.port());
    resolver.setTimeout(Duration.ofSeconds(10)); // a loaded machine may answer a datagram late
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Message ask(String name, int type) throws Exception {
    Record question = Record.newRecord(Name.fromString(name), type, DClass.IN);
    return resolver.send(Message.newQuery(question));
  }

  @ParameterizedTest
  @CsvSource({
    "gmail.test., gmail-smtp-in.l.google.com.",
    "outlook.test., outlook-test.mail.protection.outlook.com.",
    "yahoo.test., mta5.am0.yahoodns.net.",
    "icloud.test., mx01.mail.icloud.com.",
    "example.test., mx.example.test."
  })
  void eachProviderHasAnMxHostThatResolvesToTheSimulator(String domain, String mxHost)
      throws Exception {
    Message mx = ask(domain, Type.MX);

    assertThat(mx.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(mx.getHeader().getFlag(Flags.AA)).isTrue();
    List<Record> answers = mx.getSection(Section.ANSWER);
    assertThat(answers).hasSize(1);
    assertThat(((MXRecord) answers.get(0)).getTarget()).isEqualTo(Name.fromString(mxHost));

    Message a = ask(mxHost, Type.A);
    assertThat(a.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(a.getSection(Section.ANSWER))
        .singleElement()
        .satisfies(
            r -> assertThat(((ARecord) r).getAddress().getHostAddress()).isEqualTo("127.0.0.1"));
  }

  @ParameterizedTest
  @CsvSource({
    "gmail.test.",
    "outlook.test.",
    "yahoo.test.",
    "icloud.test.",
    "example.test.",
    "news.heron.test."
  })
  void eachDomainPublishesSpfAndDmarc(String domain) throws Exception {
    assertThat(texts(ask(domain, Type.TXT))).anySatisfy(t -> assertThat(t).startsWith("v=spf1 "));
    assertThat(texts(ask("_dmarc." + domain, Type.TXT)))
        .singleElement()
        .satisfies(t -> assertThat(t).startsWith("v=DMARC1; p="));
  }

  @Test
  void theSendingDomainAuthorisesTheLocalSendingIps() throws Exception {
    assertThat(texts(ask("news.heron.test.", Type.TXT)))
        .containsExactly("v=spf1 ip4:127.0.0.0/28 -all");
  }

  @Test
  void sendingIpsHaveMatchingForwardAndReverseNames() throws Exception {
    Message ptr = ask("4.0.0.127.in-addr.arpa.", Type.PTR);
    assertThat(ptr.getSection(Section.ANSWER))
        .singleElement()
        .satisfies(r -> assertThat(r.rdataToString()).isEqualTo("mta4.news.heron.test."));
    assertThat(ask("mta4.news.heron.test.", Type.A).getSection(Section.ANSWER))
        .singleElement()
        .satisfies(r -> assertThat(r.rdataToString()).isEqualTo("127.0.0.4"));
  }

  @Test
  void unknownNamesAreNxdomainWithTheZoneSoa() throws Exception {
    Message unknown = ask("nowhere.invalid.", Type.MX);
    assertThat(unknown.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(unknown.getSection(Section.ANSWER)).isEmpty();

    Message underProvider = ask("nobody.gmail.test.", Type.A);
    assertThat(underProvider.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(underProvider.getSection(Section.AUTHORITY))
        .singleElement()
        .satisfies(r -> assertThat(r.getType()).isEqualTo(Type.SOA));
  }

  @Test
  void aKnownNameWithoutTheTypeIsAnEmptyAnswer() throws Exception {
    Message aaaa = ask("gmail-smtp-in.l.google.com.", Type.AAAA);
    assertThat(aaaa.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(aaaa.getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void zoneFilesDroppedInTheZonesDirectoryAreServedWithoutRestart() throws Exception {
    String key = "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC1TestKey";
    // An Ed25519 selector (RFC 8463 §4.2): the raw 32-byte public key in base64, 44 characters.
    String edKey = "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
    Files.writeString(
        zones.resolve("news.heron.test.zone"),
        "$ORIGIN news.heron.test.\n"
            + "heron2024._domainkey 300 IN TXT \""
            + key
            + "\"\n"
            + "heron2024ed._domainkey 300 IN TXT \""
            + edKey
            + "\"\n");

    Instant deadline = Instant.now().plus(TestTimes.PATIENCE);
    List<String> found = List.of();
    while (found.isEmpty() && Instant.now().isBefore(deadline)) {
      found = texts(ask("heron2024._domainkey.news.heron.test.", Type.TXT));
      if (found.isEmpty()) {
        Thread.sleep(100);
      }
    }
    assertThat(found).containsExactly(key);
    assertThat(texts(ask("heron2024ed._domainkey.news.heron.test.", Type.TXT)))
        .containsExactly(edKey);
    // The built-in records are still there next to it.
    assertThat(texts(ask("_dmarc.news.heron.test.", Type.TXT))).hasSize(1);
  }

  @Test
  void anAnswerTooLargeForADatagramIsTruncatedOverUdpAndWholeOverTcp() throws Exception {
    // A 4096-bit DKIM key is longer than a plain 512-byte datagram can carry.
    String key = "v=DKIM1; k=rsa; p=" + "MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEA".repeat(17);
    StringBuilder quoted = new StringBuilder();
    for (int i = 0; i < key.length(); i += 255) {
      quoted.append('"').append(key, i, Math.min(key.length(), i + 255)).append("\" ");
    }
    Files.writeString(
        zones.resolve("big.zone"),
        "$ORIGIN news.heron.test.\nbig._domainkey 300 IN TXT " + quoted + "\n");
    Name name = Name.fromString("big._domainkey.news.heron.test.");
    Instant deadline = Instant.now().plus(TestTimes.PATIENCE);
    SimpleResolver plain = new SimpleResolver(InetAddress.getLoopbackAddress());
    plain.setPort(server.port());
    plain.setEDNS(-1); // no EDNS: 512 bytes is all UDP may carry
    plain.setIgnoreTruncation(true);
    Message truncated = plain.send(Message.newQuery(Record.newRecord(name, Type.TXT, DClass.IN)));
    while (truncated.getSection(Section.ANSWER).isEmpty()
        && !truncated.getHeader().getFlag(Flags.TC)
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      truncated = plain.send(Message.newQuery(Record.newRecord(name, Type.TXT, DClass.IN)));
    }
    assertThat(truncated.getHeader().getFlag(Flags.TC)).isTrue();

    SimpleResolver overTcp = new SimpleResolver(InetAddress.getLoopbackAddress());
    overTcp.setPort(server.port());
    overTcp.setTCP(true);
    assertThat(texts(overTcp.send(Message.newQuery(Record.newRecord(name, Type.TXT, DClass.IN)))))
        .containsExactly(key);

    plain.setIgnoreTruncation(false); // the usual client: retries over TCP by itself
    assertThat(texts(plain.send(Message.newQuery(Record.newRecord(name, Type.TXT, DClass.IN)))))
        .containsExactly(key);
  }

  private static List<String> texts(Message response) {
    return response.getSection(Section.ANSWER).stream()
        .filter(r -> r instanceof TXTRecord)
        .map(r -> String.join("", ((TXTRecord) r).getStrings()))
        .toList();
  }
}
