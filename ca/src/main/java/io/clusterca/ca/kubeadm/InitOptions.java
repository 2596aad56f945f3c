package io.clusterca.ca.kubeadm;

import io.clusterca.ca.crypto.KeyAlgorithm;
import java.time.Duration;
import java.util.Optional;

/**
 * How {@code init} writes the pki directory.
 *
 * @param leafKeyAlgorithm   the key type of every new leaf; empty = the issuing CA's own algorithm
 *                           (ECDSA P-384 by default, RSA 4096 with an RSA hierarchy)
 * @param leafValidity       the lifetime of every new leaf (capped at the CA's notAfter)
 * @param overwrite          replace files that cannot be kept (foreign CA, expired leaf, missing SANs,
 *                           mismatched key...). Without it {@code init} behaves like kubeadm's: it keeps every
 *                           valid existing file and refuses, before writing anything, if any file cannot be kept
 * @param serviceAccountKeys writes sa.key / sa.pub once the certificates are in place
 */
public record InitOptions(Optional<KeyAlgorithm> leafKeyAlgorithm, Duration leafValidity, boolean overwrite,
                          ServiceAccountKeyWriter serviceAccountKeys) {
    /** The design's short-lived leaf: four days, renewed automatically. */
    public static final Duration DEFAULT_LEAF_VALIDITY = Duration.ofHours(96);

    public InitOptions {
        if (leafValidity.isNegative() || leafValidity.isZero()) {
            throw new IllegalArgumentException("leaf validity must be positive, not " + leafValidity);
        }
    }

    public static InitOptions defaults() {
        return new InitOptions(Optional.empty(), DEFAULT_LEAF_VALIDITY, false, ServiceAccountKeyWriter.NONE);
    }

    public InitOptions withLeafKeyAlgorithm(KeyAlgorithm algorithm) {
        return new InitOptions(Optional.of(algorithm), leafValidity, overwrite, serviceAccountKeys);
    }

    public InitOptions withLeafValidity(Duration validity) {
        return new InitOptions(leafKeyAlgorithm, validity, overwrite, serviceAccountKeys);
    }

    public InitOptions withOverwrite(boolean replace) {
        return new InitOptions(leafKeyAlgorithm, leafValidity, replace, serviceAccountKeys);
    }

    public InitOptions withServiceAccountKeys(ServiceAccountKeyWriter writer) {
        return new InitOptions(leafKeyAlgorithm, leafValidity, overwrite, writer);
    }
}
