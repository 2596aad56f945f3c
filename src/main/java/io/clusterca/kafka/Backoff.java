package io.clusterca.kafka;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff between delivery attempts: {@code initial}, doubling per consecutive failure,
 * capped at {@code max}, with up to 20 % jitter off so replicas do not retry in lockstep.
 */
public record Backoff(Duration initial, Duration max) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    /** The delay after {@code consecutiveFailures} (>= 1) failures, given a uniform {@code random} in [0, 1). */
    public Duration delay(int consecutiveFailures, double random) {
        int doublings = Math.min(Math.max(consecutiveFailures, 1) - 1, 30);
        long millis = Math.min(max.toMillis(), initial.toMillis() << doublings);
        return Duration.ofMillis(Math.max(1, Math.round(millis * (1 - 0.2 * random))));
    }

    public Duration delay(int consecutiveFailures) {
        return delay(consecutiveFailures, ThreadLocalRandom.current().nextDouble());
    }
}
