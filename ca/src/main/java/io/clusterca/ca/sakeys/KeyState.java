package io.clusterca.ca.sakeys;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Life of a service-account signing key. Every key moves forward only:
 * {@code pending -> active -> verifying -> retired}; a pending key that never signed may go
 * straight to {@code retired} (superseded by an immediate rotation).
 */
public enum KeyState {
    /** Published in the JWKS and {@code sa.pub}, not signing yet: relying parties get time to fetch it. */
    PENDING,
    /** The one key in {@code sa.key}: kube-apiserver signs new tokens with it. Also published. */
    ACTIVE,
    /** No longer signs; published until every token it signed has expired. */
    VERIFYING,
    /** Gone from the JWKS and {@code sa.pub}; its private key is deleted from the vault. */
    RETIRED;

    /** The lowercase spelling used in {@code keyring.json}, events and status. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether relying parties (JWKS) and kube-apiserver ({@code sa.pub}) see this key. */
    public boolean published() {
        return this != RETIRED;
    }

    public static Optional<KeyState> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
    }
}
