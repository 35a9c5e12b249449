package dev.heron.senders.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CompiledTemplateTest {
  private static CompiledTemplate template(String subject, String html, String text) {
    return new CompiledTemplate(
        new TemplateVersion(UUID.randomUUID(), 1, "email", subject, html, text));
  }

  @Test
  void rendersEveryPartFromTheVariables() {
    CompiledTemplate t =
        template(
            "Hello {{firstName}} & co",
            "<p>Hi {{firstName}}, see {{#offer}}{{name}}{{/offer}}</p>",
            "Hi {{firstName}}");

    Rendered r = t.render(Map.of("firstName", "Zoë <3", "offer", Map.of("name", "Spring <sale>")));

    assertThat(r.subject()).isEqualTo("Hello Zoë <3 & co");
    assertThat(r.html()).isEqualTo("<p>Hi Zoë &lt;3, see Spring &lt;sale&gt;</p>");
    assertThat(r.text()).isEqualTo("Hi Zoë <3");
  }

  @Test
  void aMissingVariableIsAnErrorNamingIt() {
    CompiledTemplate t = template("Hi", "<p>{{company.name}} for {{firstName}}</p>", null);

    assertThatThrownBy(() -> t.render(Map.of("company", Map.of("name", "Acme"))))
        .isInstanceOf(MissingVariableException.class)
        .hasMessageContaining("'firstName'")
        .hasMessageContaining("html body")
        .extracting(e -> ((MissingVariableException) e).variable())
        .isEqualTo("firstName");
  }

  @Test
  void partsTheTemplateLacksStayAbsent() {
    Rendered r = template(null, null, "Only text").render(Map.of());

    assertThat(r.subject()).isNull();
    assertThat(r.html()).isNull();
    assertThat(r.text()).isEqualTo("Only text");
  }

  @Test
  void anInvalidTemplateIsRefusedWhenCompiled() {
    assertThatThrownBy(() -> template("{{#open}} never closed", null, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subject");
  }
}
