package dev.heron.e2e.ui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven through Debian's chromium-driver, with a fresh profile and the
 * background traffic (updates, sync, field trials) switched off: this machine reaches no network
 * but its own. The pages mark themselves {@code body[data-state=ready|error]} once drawn.
 */
final class Browser implements AutoCloseable {
  static final String CHROMIUM = System.getProperty("heron.chromium", "/usr/bin/chromium");
  static final String CHROMEDRIVER =
      System.getProperty("heron.chromedriver", "/usr/bin/chromedriver");
  // Chromium and the stack share a loaded CI machine: a page may take long to draw.
  private static final Duration PAGE_DEADLINE = Duration.ofSeconds(60);
  private static final int WIDTH = 1400;
  private static final int MAX_SCREENSHOT_HEIGHT = 5000;

  private final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  static Browser start() {
    Path profile;
    try {
      profile = Files.createTempDirectory("heron-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=" + WIDTH + ",1000",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    // The driver's path is given, so Selenium never looks for (or downloads) one of its own.
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    return new Browser(new ChromeDriver(service, options), profile);
  }

  /** Opens a page and waits until it says it is drawn; returns that state (ready or error). */
  String open(String url) {
    driver.get(url);
    return awaitState();
  }

  /** Waits for {@code body[data-state]} to leave "loading". */
  String awaitState() {
    Instant deadline = Instant.now().plus(PAGE_DEADLINE);
    while (true) {
      Object state = js("return document.body && document.body.dataset.state");
      if ("ready".equals(state) || "error".equals(state)) {
        return (String) state;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "page " + driver.getCurrentUrl() + " still '" + state + "' after " + PAGE_DEADLINE);
      }
      pause(50);
    }
  }

  /** Runs a script in the page; a promise it returns is awaited. */
  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Waits until a script returns true, or fails naming it. */
  void await(String what, String script, Object... args) {
    Instant deadline = Instant.now().plus(PAGE_DEADLINE);
    while (!Boolean.TRUE.equals(js(script, args))) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("waited " + PAGE_DEADLINE + " for " + what);
      }
      pause(50);
    }
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  String text(String css) {
    return find(css).getText();
  }

  /** Console errors and failed loads since the last call (the driver hands each entry out once). */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /** The whole page as a PNG under target/screenshots/, for people to look at. */
  Path screenshot(String name) {
    Number height = (Number) js("return document.documentElement.scrollHeight");
    driver
        .manage()
        .window()
        .setSize(new Dimension(WIDTH, Math.min(MAX_SCREENSHOT_HEIGHT, height.intValue() + 120)));
    try {
      Path dir = Files.createDirectories(Path.of("target", "screenshots"));
      Path file = dir.resolve(name + ".png");
      Files.copy(
          driver.getScreenshotAs(OutputType.FILE).toPath(),
          file,
          StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.manage().window().setSize(new Dimension(WIDTH, 1000));
    }
  }

  String currentUrl() {
    return driver.getCurrentUrl();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // A profile left in the temporary directory is harmless.
      }
    }
  }
}
