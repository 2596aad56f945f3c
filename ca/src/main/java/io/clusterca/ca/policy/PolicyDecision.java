package io.clusterca.ca.policy;

import io.clusterca.ca.authority.LeafSpec;

/** What a signer profile says of a request: approved as a precise leaf spec, or refused by one named rule. */
public sealed interface PolicyDecision {
    record Approved(LeafSpec spec) implements PolicyDecision {}

    /** @param reason the exact rule that failed, e.g. {@code subject organization must be exactly [system:nodes]} */
    record Refused(String reason) implements PolicyDecision {}
}
