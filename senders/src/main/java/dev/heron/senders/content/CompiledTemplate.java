package dev.heron.senders.content;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.util.Map;

/**
 * A template version compiled once and rendered for many recipients. HTML escapes the values it
 * inserts; the subject and the text part do not (they are not HTML). A variable the template uses
 * and the recipient lacks is an error naming it, never an empty string in a sent message.
 */
public final class CompiledTemplate {
  private static final Mustache.Compiler HTML = Mustache.compiler().escapeHTML(true);
  private static final Mustache.Compiler PLAIN = Mustache.compiler().escapeHTML(false);

  private final TemplateVersion version;
  private final Template subject;
  private final Template html;
  private final Template text;

  public CompiledTemplate(TemplateVersion version) {
    this.version = version;
    this.subject = compile(PLAIN, version.subject(), "subject");
    this.html = compile(HTML, version.html(), "html body");
    this.text = compile(PLAIN, version.text(), "text body");
  }

  public TemplateVersion version() {
    return version;
  }

  /**
   * @throws MissingVariableException when a variable the template uses is not in {@code variables}
   */
  public Rendered render(Map<String, Object> variables) {
    return new Rendered(
        execute(subject, variables, "subject"),
        execute(html, variables, "html body"),
        execute(text, variables, "text body"));
  }

  private static Template compile(Mustache.Compiler compiler, String source, String part) {
    if (source == null || source.isEmpty()) {
      return null;
    }
    try {
      return compiler.compile(source);
    } catch (MustacheException e) {
      throw new IllegalArgumentException("the template's " + part + " is not valid: " + e, e);
    }
  }

  private static String execute(Template template, Map<String, Object> variables, String part) {
    if (template == null) {
      return null;
    }
    try {
      return template.execute(variables);
    } catch (MustacheException.Context e) {
      throw new MissingVariableException(e.key, part, e.lineNo);
    }
  }
}
