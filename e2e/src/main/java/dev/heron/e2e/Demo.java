package dev.heron.e2e;

import dev.heron.events.Settings;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bin/heron demo}: runs {@link ThinSlice} against the stack on this machine, keeps the demo
 * tenant's API key in {@code $HERON_HOME/demo.key} and prints one line of results.
 */
public final class Demo {
  public static void main(String[] args) throws Exception {
    HeronApi admin =
        new HeronApi(
            "http://127.0.0.1:" + Settings.get(Settings.API_PORT),
            Settings.get(Settings.ADMIN_KEY));
    ThinSlice.Outcome outcome = new ThinSlice(admin, DemoAudience.of(40, 8)).run();

    Path keyFile = Settings.home("demo.key");
    Files.writeString(keyFile, outcome.apiKey() + System.lineSeparator());
    ThinSlice.Totals t = outcome.totals();
    System.out.printf(
        "demo: campaign=%s sent=%d delivered=%d bounced=%d opened=%d clicked=%d replied=%d%n",
        outcome.campaignId(),
        t.sent(),
        t.delivered(),
        t.bounced(),
        t.opened(),
        t.clicked(),
        t.replied());
  }

  private Demo() {}
}
