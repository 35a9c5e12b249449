package dev.heron.charts.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pages as the jar carries them (classpath:heron-ui): everything they load is in the jar —
 * chart.js from its webjar included — and nothing comes from another host.
 */
class PagesTest {
  private static final Pattern HTML_REF = Pattern.compile("(?:src|href)=\"([^\"]+)\"");
  private static final Pattern JS_IMPORT = Pattern.compile("from '([^']+)'");
  private static final List<String> PAGES =
      List.of(
          "index.html", "campaign.html", "deliverability.html", "messages.html", "contact.html");

  private static Path root() throws URISyntaxException {
    URL index = PagesTest.class.getClassLoader().getResource("heron-ui/index.html");
    assertThat(index).as("heron-ui on the classpath").isNotNull();
    return Path.of(index.toURI()).getParent();
  }

  @Test
  void everyPageLoadsOnlyFilesOfItsOwn() throws Exception {
    Path root = root();
    for (String page : PAGES) {
      String html = Files.readString(root.resolve(page));
      assertThat(html).as(page).contains("<base href=\"/ui/\">");
      Matcher m = HTML_REF.matcher(html);
      while (m.find()) {
        String ref = m.group(1);
        if (ref.equals("/ui/")
            || ref.startsWith("data:")
            || ref.endsWith(".html")
            || ref.contains(".html?")) {
          continue;
        }
        assertThat(ref).as("%s loads %s", page, ref).doesNotContain("//").doesNotStartWith("/");
        assertThat(root.resolve(ref)).as("%s loads %s", page, ref).isRegularFile();
      }
    }
    assertThat(root.resolve("vendor/chart.umd.js")).as("chart.js from its webjar").isRegularFile();
  }

  @Test
  void everyModuleImportsExistingModules() throws Exception {
    Path js = root().resolve("js");
    try (Stream<Path> modules = Files.list(js)) {
      for (Path module : modules.toList()) {
        String source = Files.readString(module);
        assertThat(source)
            .as(module.getFileName().toString())
            .doesNotContain("http://", "https://");
        Matcher m = JS_IMPORT.matcher(source);
        while (m.find()) {
          assertThat(js.resolve(m.group(1)).normalize())
              .as("%s imports %s", module.getFileName(), m.group(1))
              .isRegularFile();
        }
      }
    }
  }

  @Test
  void everyPageLinksOnlyToPagesThatExist() throws IOException, URISyntaxException {
    Path root = root();
    Pattern pageLink = Pattern.compile("['\"`]([a-z]+\\.html)");
    try (Stream<Path> files = Stream.concat(Files.list(root), Files.list(root.resolve("js")))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (f.toString().endsWith(".map") || f.getFileName().toString().startsWith("chart")) {
          continue;
        }
        Matcher m = pageLink.matcher(Files.readString(f));
        while (m.find()) {
          assertThat(PAGES).as("%s links to %s", f.getFileName(), m.group(1)).contains(m.group(1));
        }
      }
    }
  }
}
