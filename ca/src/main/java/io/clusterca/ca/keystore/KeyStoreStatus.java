package io.clusterca.ca.keystore;

import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A snapshot of the sealed key store for {@code /readyz} and metrics.
 *
 * @param keys               number of sealed keys
 * @param kekVersionsInUse   KEK versions at least one key's DEK is wrapped with
 * @param kekVersionsStored  KEK versions present in the ring (more than in use until a re-wrap cleans up)
 */
public record KeyStoreStatus(int keys, int currentKekVersion, Instant currentKekCreated,
                             Set<Integer> kekVersionsInUse, Set<Integer> kekVersionsStored) {
    public KeyStoreStatus {
        kekVersionsInUse = sortedCopy(kekVersionsInUse);
        kekVersionsStored = sortedCopy(kekVersionsStored);
    }

    /** True when some key still needs a KEK other than the current one, i.e. a re-wrap is pending. */
    public boolean rewrapPending() {
        return kekVersionsInUse.stream().anyMatch(v -> v != currentKekVersion);
    }

    private static Set<Integer> sortedCopy(Set<Integer> versions) {
        SortedSet<Integer> copy = new TreeSet<>(versions);
        return Collections.unmodifiableSortedSet(copy);
    }
}
