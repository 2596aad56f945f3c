package io.clusterca.ca.issuance;

import io.clusterca.ca.authority.PublicEndpoints;
import java.time.Duration;

/**
 * @param defaultValidity a leaf's lifetime when the request names none (4 days)
 * @param maxValidity     the longest lifetime any request may get
 */
public record IssuanceSettings(Duration defaultValidity, Duration maxValidity, PublicEndpoints endpoints) {
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(4);

    public static IssuanceSettings defaults() {
        return new IssuanceSettings(DEFAULT_VALIDITY, DEFAULT_VALIDITY, PublicEndpoints.NONE);
    }

    public IssuanceSettings {
        if (defaultValidity.compareTo(maxValidity) > 0) {
            throw new IllegalArgumentException("default leaf validity " + defaultValidity + " exceeds the maximum " + maxValidity);
        }
    }
}
