package io.clusterca.kube;

import java.time.Duration;

/**
 * Lease timing, as client-go's leader election: a leader that cannot renew within {@code renewDeadline} steps
 * down, before {@code leaseDuration} lets another replica take the lease, so two leaders never overlap while
 * clocks agree. Candidates retry every {@code retryPeriod}. The Lease records whole seconds.
 */
public record LeaseTimings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
    /** kube-controller-manager's defaults: 15 s, 10 s, 2 s. */
    public static final LeaseTimings DEFAULT = new LeaseTimings(Duration.ofSeconds(15), Duration.ofSeconds(10),
            Duration.ofSeconds(2));

    public LeaseTimings {
        if (renewDeadline.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("renew deadline " + renewDeadline + " must be shorter than the lease duration "
                    + leaseDuration);
        }
        if (retryPeriod.compareTo(renewDeadline) >= 0) {
            throw new IllegalArgumentException("retry period " + retryPeriod + " must be shorter than the renew deadline "
                    + renewDeadline);
        }
        if (leaseDuration.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("lease duration " + leaseDuration + " must be whole seconds");
        }
    }
}
