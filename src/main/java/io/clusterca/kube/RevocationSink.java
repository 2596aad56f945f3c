package io.clusterca.kube;

import java.util.Map;

/**
 * Seam to the revocation registry: the RenewRevocation informer hands over each object's {@code spec}
 * per source key ({@code namespace/name}). Implementations parse and validate the spec themselves, are
 * thread-safe, and must not throw for a bad spec (they keep or drop the source and say why in their log).
 */
public interface RevocationSink {
    /** The source {@code key} now has {@code spec} (an added or updated object), replacing what it had. */
    void replaceSource(String key, Map<String, Object> spec);

    /** The object behind {@code key} was deleted. */
    void removeSource(String key);
}
