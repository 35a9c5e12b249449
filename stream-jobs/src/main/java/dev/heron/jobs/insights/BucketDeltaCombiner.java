package dev.heron.jobs.insights;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Sums the bucket changes of one subtask for a short interval before they cross the network to
 * {@link BucketTotalsFunction}: a campaign's busy hour gets one change per interval instead of one
 * per event. Nothing is held across a checkpoint (the sums go out before the barrier), so the
 * operator has no state and a replay recounts exactly what the checkpoint had not counted.
 */
public final class BucketDeltaCombiner extends AbstractStreamOperator<BucketDelta>
    implements OneInputStreamOperator<BucketDelta, BucketDelta>, BoundedOneInput {
  private final long intervalMillis;
  private transient Map<BucketKey, long[]> pending;
  private transient boolean timerSet;

  /**
   * @param intervalMillis the longest a change waits here, adding to the buckets' freshness; zero
   *     passes every change on at once
   */
  public BucketDeltaCombiner(long intervalMillis) {
    this.intervalMillis = intervalMillis;
  }

  @Override
  public void open() throws Exception {
    super.open();
    pending = new HashMap<>();
  }

  @Override
  public void processElement(StreamRecord<BucketDelta> element) {
    BucketDelta delta = element.getValue();
    if (intervalMillis <= 0) {
      output.collect(element);
      return;
    }
    long[] sum = pending.get(delta.key());
    if (sum == null) {
      pending.put(delta.key(), delta.counts().clone());
    } else {
      InsightRules.addTo(sum, delta.counts());
    }
    if (!timerSet) {
      timerSet = true;
      long now = getProcessingTimeService().getCurrentProcessingTime();
      getProcessingTimeService().registerTimer(now + intervalMillis, time -> onInterval());
    }
  }

  private void onInterval() {
    timerSet = false;
    emitAll();
  }

  /** Event time moving on (its end, at the end of a bounded input) must not overtake the sums. */
  @Override
  public void processWatermark(Watermark mark) throws Exception {
    if (mark.getTimestamp() == Long.MAX_VALUE) {
      emitAll();
    }
    super.processWatermark(mark);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    emitAll();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void endInput() {
    emitAll();
  }

  private void emitAll() {
    if (pending.isEmpty()) {
      return;
    }
    StreamRecord<BucketDelta> record = new StreamRecord<>(null);
    for (Map.Entry<BucketKey, long[]> sum : pending.entrySet()) {
      output.collect(record.replace(new BucketDelta(sum.getKey(), sum.getValue())));
    }
    pending.clear();
  }
}
