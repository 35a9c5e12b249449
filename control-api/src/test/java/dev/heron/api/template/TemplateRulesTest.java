package dev.heron.api.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heron.api.error.ApiException;
import dev.heron.events.Channel;
import org.junit.jupiter.api.Test;

class TemplateRulesTest {
  @Test
  void approvalFollowsTheProvidersReview() {
    assertThat(ApprovalStatus.UNSUBMITTED.to(ApprovalStatus.RECEIVED))
        .isEqualTo(ApprovalStatus.RECEIVED);
    assertThat(ApprovalStatus.RECEIVED.to(ApprovalStatus.PENDING))
        .isEqualTo(ApprovalStatus.PENDING);
    assertThat(ApprovalStatus.PENDING.to(ApprovalStatus.APPROVED))
        .isEqualTo(ApprovalStatus.APPROVED);
    assertThat(ApprovalStatus.PENDING.to(ApprovalStatus.REJECTED))
        .isEqualTo(ApprovalStatus.REJECTED);
    assertThat(ApprovalStatus.APPROVED.to(ApprovalStatus.PAUSED)).isEqualTo(ApprovalStatus.PAUSED);
    assertThat(ApprovalStatus.PAUSED.to(ApprovalStatus.APPROVED))
        .isEqualTo(ApprovalStatus.APPROVED);
    assertThat(ApprovalStatus.APPROVED.to(ApprovalStatus.DISABLED))
        .isEqualTo(ApprovalStatus.DISABLED);
    assertThat(ApprovalStatus.DISABLED.to(ApprovalStatus.ARCHIVED))
        .isEqualTo(ApprovalStatus.ARCHIVED);
  }

  @Test
  void anIllegalMoveNamesBothStatesAndWhatIsAllowed() {
    assertThatThrownBy(() -> ApprovalStatus.RECEIVED.to(ApprovalStatus.APPROVED))
        .isInstanceOf(ApprovalStatus.IllegalTransition.class)
        .hasMessage(
            "cannot move from received to approved; from received a version may move to pending or rejected or archived");
    assertThatThrownBy(() -> ApprovalStatus.ARCHIVED.to(ApprovalStatus.APPROVED))
        .hasMessageContaining("nothing: archived is final");
    assertThatThrownBy(() -> ApprovalStatus.REJECTED.to(ApprovalStatus.APPROVED))
        .isInstanceOf(ApprovalStatus.IllegalTransition.class);
    assertThatThrownBy(() -> ApprovalStatus.UNSUBMITTED.to(ApprovalStatus.APPROVED))
        .isInstanceOf(ApprovalStatus.IllegalTransition.class);
  }

  @Test
  void theAllowedVariables() {
    for (String ok :
        new String[] {
          "firstName",
          "email",
          "tags",
          "attributes.plan",
          "attributes.first-seen",
          "campaign.name",
          "custom.orderNumber",
          "unsubscribeUrl",
          "."
        }) {
      assertThat(TemplateVariables.problem(ok)).as(ok).isEmpty();
    }
    assertThat(TemplateVariables.problem("plan")).get().asString().contains("attributes.plan");
    assertThat(TemplateVariables.problem("campaign.budget")).isPresent();
    assertThat(TemplateVariables.problem("attributes.")).isPresent();
    assertThat(
            TemplateVariables.used(
                "Hi {{ firstName }} {{{attributes.plan}}} {{#tags}}{{.}}{{/tags}}"))
        .containsExactly(".", "attributes.plan", "firstName", "tags");
  }

  @Test
  void eachChannelHasItsContentRules() {
    new TemplateContent("Hi", null, "Hello", null).check(Channel.EMAIL);
    new TemplateContent(null, null, "Hello", "https://cdn.heron.test/a.png")
        .check(Channel.WHATSAPP);
    assertRefused(new TemplateContent(null, "<p>x</p>", null, null), Channel.EMAIL, "subject");
    assertRefused(new TemplateContent("Hi", null, null, null), Channel.EMAIL, "html");
    assertRefused(
        new TemplateContent("Hi", null, "x", "https://a.test/x"), Channel.EMAIL, "mediaUrl");
    assertRefused(new TemplateContent("Hi", null, "x", null), Channel.SMS, "subject");
    assertRefused(new TemplateContent(null, null, " ", null), Channel.FACEBOOK, "text");
    assertRefused(
        new TemplateContent(null, null, "x".repeat(1001), null), Channel.INSTAGRAM, "text");
    assertRefused(
        new TemplateContent(null, null, "x", "http://a.test/x"), Channel.WHATSAPP, "mediaUrl");
    assertRefused(new TemplateContent(null, null, "x", "https:// bad"), Channel.SMS, "mediaUrl");
  }

  @Test
  void theLibraryIsValid() {
    assertThat(TemplateLibrary.load())
        .extracting(TemplateLibrary.Entry::channel)
        .contains("email", "whatsapp", "sms", "facebook", "instagram");
    for (TemplateLibrary.Entry entry : TemplateLibrary.load()) {
      TemplateService.checked(Channel.fromWire(entry.channel()), entry.content());
    }
  }

  private static void assertRefused(TemplateContent content, Channel channel, String field) {
    assertThatThrownBy(() -> content.check(channel))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).field()).isEqualTo(field));
  }
}
