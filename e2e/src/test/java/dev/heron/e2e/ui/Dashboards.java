package dev.heron.e2e.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.e2e.DemoAudience;
import dev.heron.e2e.HeronApi;
import dev.heron.e2e.ThinSlice;
import dev.heron.events.Settings;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the browser tests share, made once per test run: a tenant of their own whose campaign went
 * through the running stack (the demo slice, through the public API), and one Chromium. The stack
 * is the one {@code bin/heron test} started, found through {@link Settings}.
 */
final class Dashboards implements BeforeAllCallback {
  private static final DemoAudience AUDIENCE = DemoAudience.of(20, 5);

  private static World world;

  /** The seeded tenant, its campaign and the browser, already signed in with the tenant's key. */
  record World(ThinSlice.Outcome slice, HeronApi api, Browser browser, String ui)
      implements AutoCloseable {
    String page(String path) {
      return ui + path;
    }

    @Override
    public void close() {
      browser.close();
    }
  }

  static World world() {
    return world;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    synchronized (Dashboards.class) {
      if (world == null) {
        world = create();
        // Closed when the whole run ends, after every test class that uses it.
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.GLOBAL)
            .put(Dashboards.class.getName(), world);
      }
    }
  }

  private static World create() throws InterruptedException {
    String base = "http://127.0.0.1:" + Settings.get(Settings.API_PORT);
    HeronApi admin = new HeronApi(base, Settings.get(Settings.ADMIN_KEY));
    ThinSlice.Outcome slice = new ThinSlice(admin, AUDIENCE).run();
    Browser browser = Browser.start();
    String ui = base + "/ui/";
    // The demo's way in: ?key= is kept in localStorage and taken out of the address bar.
    assertThat(browser.open(ui + "?key=" + slice.apiKey())).isEqualTo("ready");
    assertThat(browser.currentUrl()).doesNotContain("key=");
    List<String> errors = browser.consoleErrors();
    assertThat(errors).as("console errors on the first page").isEmpty();
    return new World(slice, admin.as(slice.apiKey()), browser, ui);
  }
}
