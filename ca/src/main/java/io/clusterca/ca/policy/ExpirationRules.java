package io.clusterca.ca.policy;

import java.time.Duration;

/** Rules on the lifetime asked for. */
public final class ExpirationRules {
    /**
     * The API server refuses {@code spec.expirationSeconds < 600} (pkg/apis/certificates/validation:
     * "may not specify a duration less than 600 seconds"): the CA backdates five minutes, so a shorter
     * certificate would be mostly in the past. Longer values pass; the CA caps them at its maximum.
     */
    public static final Duration MINIMUM = Duration.ofSeconds(600);

    private ExpirationRules() {}

    public static Rule atLeastMinimum() {
        return (request, csr) -> request.expiration()
                .filter(d -> d.compareTo(MINIMUM) < 0)
                .map(d -> "expirationSeconds must be at least " + MINIMUM.toSeconds());
    }
}
