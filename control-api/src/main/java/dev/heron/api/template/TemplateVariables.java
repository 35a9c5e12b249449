package dev.heron.api.template;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {{variables}}} a template uses and the set it may use, which the dispatcher fills for
 * every message:
 *
 * <ul>
 *   <li>contact fields: {@code email, firstName, lastName, phone, company, timeZone, tags};
 *   <li>{@code attributes.<name>}: any of the contact's free attributes;
 *   <li>{@code campaign.id}, {@code campaign.name}, {@code campaign.goal};
 *   <li>{@code custom.<name>}: variables given for one recipient (transactional data);
 *   <li>{@code unsubscribeUrl}: added by the senders; and {@code .}, the current item inside a
 *       section such as {@code {{#tags}}{{.}}{{/tags}}}.
 * </ul>
 */
final class TemplateVariables {
  /**
   * Mustache tags: {{name}}, {{{name}}}, {{& name}} and sections {{#name}}, {{^name}}, {{/name}}.
   */
  private static final Pattern TAG =
      Pattern.compile("\\{\\{\\{?\\s*[#^/&]?\\s*([^}!>=\\s]+)\\s*}?}}");

  static final Set<String> CONTACT_FIELDS =
      Set.of("email", "firstName", "lastName", "phone", "company", "timeZone", "tags");
  static final Set<String> CAMPAIGN_FIELDS =
      Set.of("campaign.id", "campaign.name", "campaign.goal");
  private static final Pattern NAMESPACED =
      Pattern.compile("(attributes|custom)\\.[A-Za-z0-9_-]{1,100}");
  private static final Pattern BARE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,99}");

  static final String ALLOWED =
      "email, firstName, lastName, phone, company, timeZone, tags, attributes.<name>, "
          + "campaign.id, campaign.name, campaign.goal, custom.<name>, unsubscribeUrl";

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

  /** Why {@code name} is not a variable a template may use, or empty when it is one. */
  static Optional<String> problem(String name) {
    if (CONTACT_FIELDS.contains(name)
        || CAMPAIGN_FIELDS.contains(name)
        || name.equals("unsubscribeUrl")
        || name.equals(".")
        || NAMESPACED.matcher(name).matches()) {
      return Optional.empty();
    }
    String hint =
        BARE_NAME.matcher(name).matches()
            ? " (a contact attribute is attributes." + name + ")"
            : "";
    return Optional.of(
        "'{{"
            + name
            + "}}' is not a variable a template may use"
            + hint
            + "; the variables are "
            + ALLOWED);
  }

  private TemplateVariables() {}
}
