package dev.heron.senders.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class RetrySchedulerTest {
  @Test
  void aRefusedRecordIsTheRecordsFault() {
    assertThat(RetryScheduler.isBadRecord(new BadRecordException("refused"))).isTrue();
    assertThat(
            RetryScheduler.isBadRecord(
                new CompletionException(new BadRecordException("refused in a group"))))
        .isTrue();
  }

  @Test
  void anOutageOrAnUnknownFailureIsNot() {
    assertThat(RetryScheduler.isBadRecord(new StoreUnavailableException("down", null))).isFalse();
    assertThat(
            RetryScheduler.isBadRecord(
                new StoreUnavailableException("down", new BadRecordException("inside"))))
        .isFalse();
    assertThat(RetryScheduler.isBadRecord(new IllegalStateException("who knows"))).isFalse();
  }
}
