package io.clusterca.ca.revocation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The rules in force, gathered from independent sources (a file of the data directory, a Kubernetes
 * object), each replaced atomically as a whole. Readers get an immutable {@link RevocationIndex}.
 *
 * <p>The index is rebuilt lazily, on the first read after a change: an informer's initial sync of many
 * objects then costs one rebuild, not one per object. Each rule remembers when it was first seen in its
 * source (kept while the source keeps listing it, even at another position), which OCSP and the CRL report
 * as the revocation time. That memory is per process: after a restart, rules count from the restart.
 * Thread-safe.
 */
public final class RevocationRegistry implements Supplier<RevocationIndex> {
    private final Clock clock;
    private final Map<String, List<RevocationRule>> sources = new TreeMap<>();
    /** Per source: a rule's meaning ({@link RevocationRule#describe()}, not its position) to when it was first seen. */
    private final Map<String, Map<String, Instant>> firstSeen = new HashMap<>();
    private long version;
    private volatile RevocationIndex current = RevocationIndex.EMPTY;
    private volatile boolean stale;

    public RevocationRegistry(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Makes {@code rules} the whole contribution of {@code sourceKey} (e.g. {@code file:nodes.yaml},
     * {@code kube:kube-system/stolen-kubelet}). An empty list keeps the source known but without rules.
     *
     * @return whether anything changed
     */
    public synchronized boolean replaceSource(String sourceKey, List<? extends RevocationRule> rules) {
        List<RevocationRule> copy = List.copyOf(rules);
        if (copy.equals(sources.get(sourceKey))) {
            return false;
        }
        Instant now = clock.instant();
        Map<String, Instant> previous = firstSeen.getOrDefault(sourceKey, Map.of());
        Map<String, Instant> seen = new HashMap<>();
        for (RevocationRule rule : copy) {
            seen.put(rule.describe(), previous.getOrDefault(rule.describe(), now));
        }
        firstSeen.put(sourceKey, seen);
        sources.put(sourceKey, copy);
        changed();
        return true;
    }

    /** @return whether the source was known */
    public synchronized boolean removeSource(String sourceKey) {
        if (sources.remove(sourceKey) == null) {
            return false;
        }
        firstSeen.remove(sourceKey);
        changed();
        return true;
    }

    /** The current snapshot; cheap unless the rules changed since the last call. */
    public RevocationIndex index() {
        if (!stale) {
            return current;
        }
        synchronized (this) {
            if (stale) {
                List<InForce> all = new ArrayList<>();
                sources.forEach((key, rules) -> {
                    Map<String, Instant> seen = firstSeen.get(key);
                    rules.forEach(r -> all.add(new InForce(r, seen.get(r.describe()))));
                });
                current = RevocationIndex.ofInForce(all, version);
                stale = false;
            }
            return current;
        }
    }

    @Override
    public RevocationIndex get() {
        return index();
    }

    /** Increases with every change; {@link RevocationIndex#version()} of a fresh snapshot equals it. */
    public synchronized long version() {
        return version;
    }

    /** Every source and its rules, by source key. */
    public synchronized Map<String, List<RevocationRule>> sources() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }

    public synchronized Optional<List<RevocationRule>> source(String sourceKey) {
        return Optional.ofNullable(sources.get(sourceKey));
    }

    private void changed() {
        version++;
        stale = true;
    }
}
