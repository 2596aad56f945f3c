package io.clusterca.kube;

import java.util.Optional;

/**
 * Seam to the revocation engine: is the current certificate of an identity revoked? The identity is
 * {@code signerName + "|" + commonName}, as {@link io.clusterca.ca.ledger.LedgerEntry#identity()} forms it.
 * Implementations are thread-safe and answer from memory (no I/O).
 */
@FunctionalInterface
public interface RevokedIdentityCheck {
    RevokedIdentityCheck NONE = identity -> Optional.empty();

    /** @return the revocation rule that matches the identity's current certificate, or empty when it is not revoked */
    Optional<String> revokedReason(String identity);

    static String identity(String signerName, String commonName) {
        return signerName + "|" + commonName;
    }
}
