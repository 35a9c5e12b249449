package dev.heron.api.campaign;

import static dev.heron.api.campaign.CampaignStatus.Action.CANCEL;
import static dev.heron.api.campaign.CampaignStatus.Action.COMPLETE;
import static dev.heron.api.campaign.CampaignStatus.Action.LAUNCH;
import static dev.heron.api.campaign.CampaignStatus.Action.PAUSE;
import static dev.heron.api.campaign.CampaignStatus.Action.PLAN;
import static dev.heron.api.campaign.CampaignStatus.Action.RESUME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CampaignStatusTest {
  @Test
  void theLegalPaths() {
    assertThat(CampaignStatus.DRAFT.after(LAUNCH, false)).isEqualTo(CampaignStatus.RUNNING);
    assertThat(CampaignStatus.DRAFT.after(LAUNCH, true)).isEqualTo(CampaignStatus.SCHEDULED);
    assertThat(CampaignStatus.RUNNING.after(PAUSE, false)).isEqualTo(CampaignStatus.PAUSED);
    assertThat(CampaignStatus.SCHEDULED.after(PAUSE, true)).isEqualTo(CampaignStatus.PAUSED);
    assertThat(CampaignStatus.PAUSED.after(RESUME, false)).isEqualTo(CampaignStatus.RUNNING);
    assertThat(CampaignStatus.PAUSED.after(RESUME, true)).isEqualTo(CampaignStatus.SCHEDULED);
    assertThat(CampaignStatus.RUNNING.after(PLAN, false)).isEqualTo(CampaignStatus.RUNNING);
    assertThat(CampaignStatus.RUNNING.after(COMPLETE, false)).isEqualTo(CampaignStatus.COMPLETED);
    for (CampaignStatus s :
        new CampaignStatus[] {
          CampaignStatus.DRAFT,
          CampaignStatus.SCHEDULED,
          CampaignStatus.RUNNING,
          CampaignStatus.PAUSED
        }) {
      assertThat(s.after(CANCEL, false)).isEqualTo(CampaignStatus.CANCELLED);
    }
  }

  @Test
  void anIllegalTransitionNamesBothStates() {
    assertThatThrownBy(() -> CampaignStatus.COMPLETED.after(RESUME, false))
        .isInstanceOf(CampaignStatus.IllegalTransition.class)
        .hasMessage(
            "cannot resume a campaign that is completed; resume needs a campaign that is paused");
    assertThatThrownBy(() -> CampaignStatus.DRAFT.after(PAUSE, false))
        .hasMessageContaining("draft")
        .hasMessageContaining("scheduled or running");
    assertThatThrownBy(() -> CampaignStatus.CANCELLED.after(CANCEL, false))
        .isInstanceOf(CampaignStatus.IllegalTransition.class);
    assertThatThrownBy(() -> CampaignStatus.DRAFT.after(PLAN, false))
        .isInstanceOf(CampaignStatus.IllegalTransition.class);
  }
}
