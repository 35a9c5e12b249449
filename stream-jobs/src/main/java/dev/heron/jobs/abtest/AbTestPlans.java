package dev.heron.jobs.abtest;

import java.io.Serializable;
import java.util.Optional;

/** Where the job finds a campaign's A/B test: {@code ab_tests} in production. */
public interface AbTestPlans extends Serializable, AutoCloseable {
  void open() throws Exception;

  Optional<AbTestPlan> find(String campaignId) throws Exception;

  @Override
  void close() throws Exception;
}
