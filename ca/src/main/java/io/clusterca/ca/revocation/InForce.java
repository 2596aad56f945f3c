package io.clusterca.ca.revocation;

import java.time.Instant;
import java.util.Objects;

/** A rule and the instant it came into force here (first seen), which OCSP and CRLs report as revocation time. */
public record InForce(RevocationRule rule, Instant since) {
    public InForce {
        Objects.requireNonNull(rule);
        Objects.requireNonNull(since);
    }
}
