package io.clusterca.ca.sakeys;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One change of one key's state, for events and logs.
 *
 * @param from the previous state; empty for a key that was just created
 */
public record Transition(String kid, Optional<KeyState> from, KeyState to, Instant at, Reason reason) {

    /** Why a key changed state. */
    public enum Reason {
        /** The ring was empty: the first key signs at once (no relying party has cached anything yet). */
        BOOTSTRAP,
        /** An existing key (e.g. kubeadm's {@code sa.key}) was taken over as the active key. */
        ADOPTED,
        /** The active key is due for rotation in one publish lead: its successor is published now. */
        ROTATION_SCHEDULED,
        /** An operator asked for a rotation ({@code keys rotate-sa}). */
        ROTATION_REQUESTED,
        /** An operator asked for an immediate rotation ({@code keys rotate-sa --now}). */
        IMMEDIATE_ROTATION,
        /** The pending key has been published for the whole publish lead: it signs from now on. */
        PUBLISH_LEAD_ELAPSED,
        /** Another key became active. */
        SUPERSEDED,
        /** The active key reached its {@code notAfter} (the scheduler did not run in time): replaced at once. */
        VALIDITY_ENDED,
        /** The ring had no active key (hand-edited file): the pending key signs at once. */
        NO_ACTIVE_KEY,
        /** Every token the key signed has expired (max token expiration + margin after it stopped signing). */
        TOKENS_EXPIRED,
        /** An operator retired the previous key at once ({@code keys rotate-sa --now --retire-previous}). */
        COMPROMISED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static Transition created(SaKey key, Reason reason) {
        return new Transition(key.kid(), Optional.empty(), key.state(), key.createdAt(), reason);
    }

    /** {@code from} as written in events: the state's wire name, or {@code none} for a new key. */
    public String fromName() {
        return from.map(KeyState::wireName).orElse("none");
    }

    @Override
    public String toString() {
        return "sa key " + kid + ": " + fromName() + " -> " + to.wireName() + " (" + reason.wireName() + ") at " + at;
    }
}
