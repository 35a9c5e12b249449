package dev.heron.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir Path dir;

  @Test
  void aPollingReaderGetsEachEntryOnceFromItsLastPosition() throws IOException {
    try (Journal<String> journal = new Journal<>(dir.resolve("j.jsonl"), 10)) {
      long start = journal.appended();
      journal.accept("a");
      journal.accept("b");
      Journal.Since<String> first = journal.since(start);
      assertThat(first.entries()).containsExactly("a", "b");
      assertThat(first.next()).isEqualTo(2);
      assertThat(first.missed()).isZero();

      assertThat(journal.since(first.next()).entries()).isEmpty();
      journal.accept("c");
      Journal.Since<String> second = journal.since(first.next());
      assertThat(second.entries()).containsExactly("c");
      assertThat(second.next()).isEqualTo(3);
      assertThat(journal.since(1).entries()).containsExactly("b", "c");
    }
  }

  @Test
  void entriesThatLeftTheMemoryBeforeBeingReadAreCountedAsMissed() throws IOException {
    try (Journal<String> journal = new Journal<>(dir.resolve("j.jsonl"), 3)) {
      for (String entry : new String[] {"a", "b", "c", "d", "e"}) {
        journal.accept(entry);
      }
      Journal.Since<String> all = journal.since(0);
      assertThat(all.entries()).containsExactly("c", "d", "e");
      assertThat(all.missed()).isEqualTo(2);
      assertThat(all.next()).isEqualTo(5);
      assertThat(journal.since(3).entries()).containsExactly("d", "e");
      assertThat(journal.since(3).missed()).isZero();
      assertThat(journal.since(9).entries()).isEmpty();
      assertThat(journal.recent()).containsExactly("c", "d", "e");
    }
  }

  @Test
  void aNegativePositionIsRefused() throws IOException {
    try (Journal<String> journal = new Journal<>(dir.resolve("j.jsonl"), 3)) {
      assertThatThrownBy(() -> journal.since(-1)).hasMessageContaining("position");
    }
  }
}
