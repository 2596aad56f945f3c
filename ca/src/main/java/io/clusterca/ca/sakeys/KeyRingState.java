package io.clusterca.ca.sakeys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable snapshot of the key ring. Invariants (checked on construction, so a hand-edited
 * {@code keyring.json} that breaks them is refused rather than served): kids are unique, at most one
 * key is pending, and a ring that publishes any key has exactly one active key.
 *
 * @param revision incremented by every write of {@code keyring.json}; lets readers cache documents
 */
public record KeyRingState(long revision, List<SaKey> keys) {
    public static final KeyRingState EMPTY = new KeyRingState(0, List.of());

    private static final Comparator<SaKey> NEWEST_FIRST = Comparator.comparing(SaKey::createdAt).reversed();

    public KeyRingState {
        keys = List.copyOf(keys);
        Set<String> kids = new HashSet<>();
        for (SaKey key : keys) {
            if (!kids.add(key.kid())) {
                throw new IllegalArgumentException("key " + key.kid() + " appears twice in the ring");
            }
        }
        long active = count(keys, KeyState.ACTIVE);
        long pending = count(keys, KeyState.PENDING);
        boolean anyPublished = keys.stream().anyMatch(SaKey::published);
        if (active > 1) {
            throw new IllegalArgumentException("the ring has " + active + " active keys; exactly one may sign");
        }
        if (pending > 1) {
            throw new IllegalArgumentException("the ring has " + pending + " pending keys; at most one may wait");
        }
        if (anyPublished && active == 0) {
            throw new IllegalArgumentException("the ring publishes keys but none is active");
        }
    }

    public Optional<SaKey> active() {
        return first(KeyState.ACTIVE);
    }

    public Optional<SaKey> pending() {
        return first(KeyState.PENDING);
    }

    /** Verifying keys, newest first. */
    public List<SaKey> verifying() {
        return keys.stream().filter(k -> k.state() == KeyState.VERIFYING).sorted(NEWEST_FIRST).toList();
    }

    /**
     * Keys relying parties and kube-apiserver must accept, in a stable order: the active key, the
     * pending key, then verifying keys newest first.
     */
    public List<SaKey> published() {
        List<SaKey> out = new ArrayList<>();
        active().ifPresent(out::add);
        pending().ifPresent(out::add);
        out.addAll(verifying());
        return List.copyOf(out);
    }

    public Optional<SaKey> find(String kid) {
        return keys.stream().filter(k -> k.kid().equals(kid)).findFirst();
    }

    public long count(KeyState state) {
        return count(keys, state);
    }

    KeyRingState withRevision(long newRevision) {
        return new KeyRingState(newRevision, keys);
    }

    /** Adds a freshly created pending key. */
    KeyRingState add(SaKey key) {
        return new KeyRingState(revision, appended(key));
    }

    /** Adds a freshly created key and makes it the active key at once (the previous one stops signing). */
    KeyRingState addActive(SaKey key, Instant at) {
        return new KeyRingState(revision, activated(appended(key), key.kid(), at));
    }

    /** Makes the pending key {@code kid} the active key; the previous active key stops signing at {@code at}. */
    KeyRingState activate(String kid, Instant at) {
        require(kid, KeyState.PENDING);
        return new KeyRingState(revision, activated(keys, kid, at));
    }

    /** Retires a verifying key, or a pending key that never signed. The active key must be replaced first. */
    KeyRingState retire(String kid, Instant at) {
        SaKey key = find(kid).orElseThrow(() -> new IllegalStateException("no key " + kid + " in the ring"));
        if (key.state() == KeyState.ACTIVE || key.state() == KeyState.RETIRED) {
            throw new IllegalStateException("key " + kid + " is " + key.state().wireName() + " and cannot be retired");
        }
        return new KeyRingState(revision, keys.stream().map(k -> k.kid().equals(kid) ? k.retired(at) : k).toList());
    }

    private List<SaKey> appended(SaKey key) {
        if (key.state() != KeyState.PENDING) {
            throw new IllegalArgumentException("a new key starts pending, not " + key.state().wireName());
        }
        if (find(key.kid()).isPresent()) {
            throw new IllegalStateException("key " + key.kid() + " is already in the ring");
        }
        List<SaKey> next = new ArrayList<>(keys);
        next.add(key);
        return next;
    }

    private static List<SaKey> activated(List<SaKey> keys, String kid, Instant at) {
        return keys.stream().map(k -> {
            if (k.kid().equals(kid)) {
                return k.activated(at);
            }
            return k.state() == KeyState.ACTIVE ? k.deactivated(at) : k;
        }).toList();
    }

    private SaKey require(String kid, KeyState state) {
        SaKey key = find(kid).orElseThrow(() -> new IllegalStateException("no key " + kid + " in the ring"));
        if (key.state() != state) {
            throw new IllegalStateException("key " + kid + " is " + key.state().wireName() + ", expected " + state.wireName());
        }
        return key;
    }

    private Optional<SaKey> first(KeyState state) {
        return keys.stream().filter(k -> k.state() == state).findFirst();
    }

    private static long count(List<SaKey> keys, KeyState state) {
        return keys.stream().filter(k -> k.state() == state).count();
    }
}
