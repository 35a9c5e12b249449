package dev.heron.jobs.sendtime;

import dev.heron.jobs.intake.StateTtl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per tenant: the decayed hour-of-week histogram of all its contacts' readings, and the reading
 * shape fitted to a sample of its contacts' readings ({@link ShapeFit}); published every {@code
 * coalesce} while they change (both move slowly; contacts read the latest).
 *
 * <p>State stays bounded: the sample holds at most {@link ShapeFit#SAMPLE_CONTACTS} contacts (the
 * first to read, each with its newest {@link ShapeFit#READINGS_PER_CONTACT} readings, all the fit
 * reads: {@link ShapeFit#sampled}); a contact that stops reading leaves it after {@link
 * #SAMPLE_TTL}, and another takes its place.
 *
 * <p>The shape changes only when another is clearly likelier ({@link ShapeFit#SWITCH_MARGIN}): each
 * change makes the contact models read again every contact of the tenant.
 */
public final class TenantPriorFunction
    extends KeyedProcessFunction<String, ContactReading, TenantPrior> {
  /** A sampled contact with no reading for this long leaves the sample. */
  static final Duration SAMPLE_TTL = Duration.ofDays(365);

  private static final long END_OF_TIME = Long.MAX_VALUE;

  private final long coalesceMillis;
  private transient ValueState<DecayedHistogram> population;
  private transient MapState<String, ContactReadings> sample;
  private transient ValueState<Integer> sampleSize;
  private transient ValueState<ReadingShape> shape;
  private transient ValueState<Boolean> sampleChanged;

  public TenantPriorFunction(Duration coalesce) {
    this.coalesceMillis = Math.max(1, coalesce.toMillis());
  }

  @Override
  public void open(OpenContext openContext) {
    population =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "population", TypeInformation.of(DecayedHistogram.class)));
    sample = getRuntimeContext().getMapState(sampleState());
    sampleSize = getRuntimeContext().getState(new ValueStateDescriptor<>("sample-size", Types.INT));
    shape =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("shape", TypeInformation.of(ReadingShape.class)));
    sampleChanged =
        getRuntimeContext().getState(new ValueStateDescriptor<>("sample-changed", Types.BOOLEAN));
  }

  /** The sampled contacts' readings, by contact id. */
  static MapStateDescriptor<String, ContactReadings> sampleState() {
    MapStateDescriptor<String, ContactReadings> sampled =
        new MapStateDescriptor<>(
            "shape-sample", Types.STRING, TypeInformation.of(ContactReadings.class));
    sampled.enableTimeToLive(StateTtl.afterLastWrite(SAMPLE_TTL));
    return sampled;
  }

  @Override
  public void processElement(ContactReading e, Context ctx, Collector<TenantPrior> out)
      throws Exception {
    if (!e.firstOfMessage()) {
      return; // a repeat says nothing new about when people read
    }
    Reading r = e.reading();
    population.update(SendTimeRules.observe(population.value(), r.hourOfWeek(), r.atMillis()));
    ContactReadings sampled = sample.get(e.contactId());
    int size = sampleSize.value() == null ? 0 : sampleSize.value();
    ContactReadings kept = ShapeFit.sampled(sampled, size, r);
    if (kept != null) {
      sample.put(e.contactId(), kept);
      sampleSize.update(sampled == null ? size + 1 : size);
      sampleChanged.update(true);
    }
    long now = ctx.timerService().currentProcessingTime();
    ctx.timerService().registerProcessingTimeTimer(now - now % coalesceMillis + coalesceMillis);
    ctx.timerService().registerEventTimeTimer(END_OF_TIME);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<TenantPrior> out)
      throws Exception {
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      ctx.timerService().deleteEventTimeTimer(END_OF_TIME);
    }
    if (Boolean.TRUE.equals(sampleChanged.value()) || shape.value() == null) {
      List<ContactReadings> contacts = new ArrayList<>();
      sample.values().forEach(contacts::add);
      sampleSize.update(contacts.size()); // contacts that expired have left
      shape.update(ShapeFit.refit(contacts, shape.value()));
      sampleChanged.clear();
    }
    out.collect(new TenantPrior(ctx.getCurrentKey(), population.value(), shape.value()));
  }
}
