package dev.heron.jobs.insights;

import dev.heron.events.Event;
import org.apache.flink.api.common.functions.FilterFunction;

/** Only events of a campaign are bucketed; the others are archived and nothing more. */
final class HasCampaign implements FilterFunction<Event> {
  @Override
  public boolean filter(Event event) {
    return event.campaignId() != null;
  }
}
