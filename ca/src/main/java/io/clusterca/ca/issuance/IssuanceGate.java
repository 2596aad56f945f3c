package io.clusterca.ca.issuance;

import io.clusterca.ca.authority.LeafSpec;
import java.util.Optional;

/**
 * A check between policy approval and signing that is not about the CSR's shape, e.g. "a
 * revocation rule without notBefore matches this subject, so no new certificate may be issued".
 */
@FunctionalInterface
public interface IssuanceGate {
    /** @return the reason to refuse, or empty to let issuance proceed */
    Optional<String> refuse(LeafSpec spec);
}
