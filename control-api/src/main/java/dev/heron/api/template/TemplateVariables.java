package dev.heron.api.template;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {{variables}}} a template uses, and the ones it may use: the contact fields the
 * planner puts on every recipient, the links the senders add, and any contact attribute (whose
 * names are free, so only their form is checked).
 */
final class TemplateVariables {
  /**
   * Mustache tags: {{name}}, {{{name}}}, {{& name}} and sections {{#name}}, {{^name}}, {{/name}}.
   */
  private static final Pattern TAG =
      Pattern.compile("\\{\\{\\{?\\s*[#^/&]?\\s*([^}!>=\\s]+)\\s*}?}}");

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,99}");

  static final Set<String> KNOWN =
      Set.of(
          "email",
          "firstName",
          "lastName",
          "phone",
          "company",
          "timeZone",
          "tags",
          "unsubscribeUrl");

  static Set<String> used(String... parts) {
    Set<String> names = new TreeSet<>();
    for (String part : parts) {
      if (part == null) {
        continue;
      }
      Matcher m = TAG.matcher(part);
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  static boolean isAllowedName(String name) {
    return KNOWN.contains(name) || NAME.matcher(name).matches();
  }

  private TemplateVariables() {}
}
