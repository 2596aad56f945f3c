package io.clusterca.ca.sakeys;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ring at a glance, for {@code /readyz?verbose} ({@code [+]sa-keys ok}) and {@code /metrics}.
 *
 * @param keysByState    how many keys are in each state (retired keys stay in the ring as history)
 * @param nextActivation when the next key starts signing (pending key's activation or scheduled rotation)
 * @param nextDue        when {@link KeyRing#tick} next has work
 */
public record KeyRingStatus(long revision, Map<KeyState, Long> keysByState, Optional<String> activeKid,
                            boolean activeKeyInVault, Optional<Instant> nextActivation, Instant nextDue) {
    public KeyRingStatus {
        EnumMap<KeyState, Long> counts = new EnumMap<>(KeyState.class);
        for (KeyState s : KeyState.values()) {
            counts.put(s, keysByState.getOrDefault(s, 0L));
        }
        keysByState = Collections.unmodifiableMap(counts);
    }

    static KeyRingStatus of(KeyRingState ring, RotationPolicy policy, Instant now, boolean activeKeyInVault) {
        Map<KeyState, Long> counts = new EnumMap<>(KeyState.class);
        for (KeyState s : KeyState.values()) {
            counts.put(s, ring.count(s));
        }
        return new KeyRingStatus(ring.revision(), counts, ring.active().map(SaKey::kid), activeKeyInVault,
                RotationSchedule.nextActivation(ring, policy), RotationSchedule.nextDue(ring, policy, now));
    }

    /** Ready when a key is active and its private half is in the vault. */
    public boolean ready() {
        return activeKid.isPresent() && activeKeyInVault;
    }

    /** One line for {@code /readyz?verbose}: why not ready, or what is active. */
    public String describe() {
        if (activeKid.isEmpty()) {
            return "no active service-account signing key";
        }
        if (!activeKeyInVault) {
            return "active service-account key " + activeKid.get() + " is missing from the vault";
        }
        return "active " + activeKid.get() + ", " + keysByState.get(KeyState.PENDING) + " pending, "
                + keysByState.get(KeyState.VERIFYING) + " verifying"
                + nextActivation.map(t -> ", next rotation " + t).orElse("");
    }
}
