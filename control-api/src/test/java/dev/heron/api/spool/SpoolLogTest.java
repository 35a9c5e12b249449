package dev.heron.api.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolLogTest {
  @TempDir Path base;

  private static List<SpoolRecord> records(int from, int to) {
    return IntStream.range(from, to)
        .mapToObj(i -> new SpoolRecord("k" + i, ("value " + i).getBytes(StandardCharsets.UTF_8)))
        .toList();
  }

  private static List<String> values(List<SpoolRecord> records) {
    return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
  }

  @Test
  void readsWhatWasAppendedInOrderAndResumesFromTheCursorAfterARestart() throws IOException {
    try (SpoolLog log = SpoolLog.open(base)) {
      log.append(records(0, 5));
      log.append(records(5, 8));
      SpoolBatch first = log.read(log.cursor(), 6);
      assertThat(values(first.records()))
          .containsExactly("value 0", "value 1", "value 2", "value 3", "value 4", "value 5");
      assertThat(first.records().get(0).key()).isEqualTo("k0");
      log.commit(first.end());
    }
    try (SpoolLog again = SpoolLog.open(base)) {
      assertThat(again.directory()).isEqualTo(base.resolve("0"));
      assertThat(values(again.read(again.cursor(), 100).records()))
          .containsExactly("value 6", "value 7");
      assertThat(SpoolLog.countPending(again.directory())).isEqualTo(2);
    }
  }

  @Test
  void rollsSegmentsAndDeletesThoseBehindTheCursor() throws IOException {
    try (SpoolLog log = SpoolLog.open(base, 60)) {
      for (int i = 0; i < 20; i++) {
        log.append(records(i, i + 1));
      }
      assertThat(segments(log.directory())).hasSizeGreaterThan(2);
      List<SpoolRecord> all = new ArrayList<>();
      SpoolPosition at = log.cursor();
      while (true) {
        SpoolBatch batch = log.read(at, 3);
        if (batch.isEmpty()) {
          break;
        }
        all.addAll(batch.records());
        at = batch.end();
        log.commit(at);
      }
      assertThat(all).hasSize(20);
      assertThat(values(all)).startsWith("value 0", "value 1").endsWith("value 19");
      assertThat(segments(log.directory())).hasSize(1);
    }
  }

  @Test
  void aTornRecordAtTheEndOfASegmentIsSkipped() throws IOException {
    Path dir;
    try (SpoolLog log = SpoolLog.open(base)) {
      log.append(records(0, 3));
      dir = log.directory();
    }
    // A crash in the middle of a write: half a record after the last whole one.
    Path segment = segments(dir).get(segments(dir).size() - 1);
    ByteBuffer torn = SpoolLog.encode(records(3, 4));
    torn.limit(torn.limit() - 3);
    try (var channel = Files.newByteChannel(segment, StandardOpenOption.APPEND)) {
      channel.write(torn);
    }
    try (SpoolLog log = SpoolLog.open(base)) {
      log.append(records(4, 6));
      assertThat(values(log.read(log.cursor(), 100).records()))
          .containsExactly("value 0", "value 1", "value 2", "value 4", "value 5");
    }
  }

  @Test
  void aSecondOpenTakesAnotherDirectoryWhileTheFirstIsLocked() throws IOException {
    try (SpoolLog first = SpoolLog.open(base);
        SpoolLog second = SpoolLog.open(base)) {
      assertThat(first.directory()).isEqualTo(base.resolve("0"));
      assertThat(second.directory()).isEqualTo(base.resolve("1"));
    }
  }

  @Test
  void aRecordLargerThanAReadChunkIsRefused() {
    assertThatThrownBy(
            () ->
                SpoolLog.encode(List.of(new SpoolRecord("k", new byte[SpoolLog.MAX_RECORD_BYTES]))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exceeds");
  }

  private static List<Path> segments(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
    }
  }
}
