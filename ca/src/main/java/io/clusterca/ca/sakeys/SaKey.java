package io.clusterca.ca.sakeys;

import io.clusterca.ca.crypto.KeyAlgorithm;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One key of the ring as recorded in {@code keyring.json}: its public half and its history. The
 * private half lives only in the vault, under {@link #vaultId()}.
 *
 * @param notAfter the latest instant this key may sign ({@code createdAt} + key validity); tokens it
 *                 signed before then stay verifiable until they expire
 */
public record SaKey(String kid, KeyAlgorithm algorithm, KeyState state, PublicKey publicKey, Instant createdAt,
                    Optional<Instant> activatedAt, Optional<Instant> deactivatedAt, Optional<Instant> retiredAt,
                    Instant notAfter) {
    public static final String VAULT_PREFIX = "sa/";

    public SaKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(activatedAt, "activatedAt");
        Objects.requireNonNull(deactivatedAt, "deactivatedAt");
        Objects.requireNonNull(retiredAt, "retiredAt");
        Objects.requireNonNull(notAfter, "notAfter");
        if (!kid.equals(KeyId.of(publicKey))) {
            throw new IllegalArgumentException("kid " + kid + " does not match its public key (expected " + KeyId.of(publicKey) + ")");
        }
        String missing = switch (state) {
            case PENDING -> activatedAt.isPresent() || deactivatedAt.isPresent() || retiredAt.isPresent()
                    ? "a pending key has no activatedAt, deactivatedAt or retiredAt" : null;
            case ACTIVE -> activatedAt.isEmpty() || deactivatedAt.isPresent() || retiredAt.isPresent()
                    ? "an active key has activatedAt and no deactivatedAt or retiredAt" : null;
            case VERIFYING -> activatedAt.isEmpty() || deactivatedAt.isEmpty() || retiredAt.isPresent()
                    ? "a verifying key has activatedAt and deactivatedAt and no retiredAt" : null;
            case RETIRED -> retiredAt.isEmpty() || activatedAt.isPresent() != deactivatedAt.isPresent()
                    ? "a retired key has retiredAt, and deactivatedAt if and only if it was ever active" : null;
        };
        if (missing != null) {
            throw new IllegalArgumentException("key " + kid + " is " + state.wireName() + " but " + missing);
        }
    }

    /** A freshly generated key, published but not signing. */
    public static SaKey pending(PublicKey publicKey, KeyAlgorithm algorithm, Instant now, RotationPolicy policy) {
        return new SaKey(KeyId.of(publicKey), algorithm, KeyState.PENDING, publicKey, now, Optional.empty(),
                Optional.empty(), Optional.empty(), now.plus(policy.keyValidity()));
    }

    public String vaultId() {
        return vaultId(kid);
    }

    public static String vaultId(String kid) {
        return VAULT_PREFIX + kid;
    }

    public boolean published() {
        return state.published();
    }

    SaKey activated(Instant at) {
        return new SaKey(kid, algorithm, KeyState.ACTIVE, publicKey, createdAt, Optional.of(at), Optional.empty(),
                Optional.empty(), notAfter);
    }

    SaKey deactivated(Instant at) {
        return new SaKey(kid, algorithm, KeyState.VERIFYING, publicKey, createdAt, activatedAt, Optional.of(at),
                Optional.empty(), notAfter);
    }

    SaKey retired(Instant at) {
        return new SaKey(kid, algorithm, KeyState.RETIRED, publicKey, createdAt, activatedAt, deactivatedAt,
                Optional.of(at), notAfter);
    }
}
