package io.clusterca.ca.keystore;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@link SealedKeyStore#rewrap()} did.
 *
 * @param rewrapped          keys whose DEK was re-wrapped under the current KEK
 * @param verified           keys checked to decrypt under the current KEK before any KEK was removed
 * @param removedKekVersions KEK versions deleted because no key needs them any more
 */
public record RewrapSummary(int currentKekVersion, int rewrapped, int verified, Set<Integer> removedKekVersions) {
    public RewrapSummary {
        removedKekVersions = Collections.unmodifiableSortedSet(new TreeSet<>(removedKekVersions));
    }
}
