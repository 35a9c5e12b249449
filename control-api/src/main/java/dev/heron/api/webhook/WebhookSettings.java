package dev.heron.api.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How outbound webhooks are retried: the one retry policy, with exponential, jittered backoff.
 * Defaults: 8 attempts over about 2 hours (10 s, 30 s, 1.5 min, ... up to 1 h between attempts).
 *
 * @param maxAttempts attempts in all, the first included, before a delivery is marked failed
 * @param firstDelay the wait after the first failed attempt
 * @param multiplier how much longer each following wait is
 * @param longestDelay no wait is longer
 * @param jitter the fraction by which a wait is randomly shortened or lengthened
 * @param timeout how long one attempt may take
 */
@ConfigurationProperties("heron.webhooks")
public record WebhookSettings(
    @Bindable(defaultValue = "8") int maxAttempts,
    @Bindable(defaultValue = "10s") Duration firstDelay,
    @Bindable(defaultValue = "3") double multiplier,
    @Bindable(defaultValue = "1h") Duration longestDelay,
    @Bindable(defaultValue = "0.2") double jitter,
    @Bindable(defaultValue = "10s") Duration timeout) {}
