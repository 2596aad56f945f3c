package io.clusterca.server.revocation;

import io.clusterca.ca.revocation.ParsedSpec;
import io.clusterca.ca.revocation.RevocationRegistry;
import io.clusterca.ca.revocation.RevocationRule;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * RenewRevocation objects from the Kubernetes informer into the registry, one registry source per
 * object ({@code kube:<namespace>/<name>}). Its two methods have the shape of the informer's
 * {@code RevocationSink} (key {@code namespace/name}, the object's {@code spec} as a map).
 *
 * <p>The admission webhook refuses invalid objects, but one can still arrive (webhook down with
 * {@code failurePolicy: Ignore}, objects created before the webhook). Such an object never lifts a
 * revocation and never delays one: the rules already in force from it stay, and its valid entries
 * apply at once. Its errors are reported by {@link #problems()} and logged. Never throws for bad input.
 * Thread-safe.
 */
public final class KubernetesRevocations {
    private static final System.Logger LOG = System.getLogger(KubernetesRevocations.class.getName());

    private final RevocationRegistry registry;
    private final Map<String, List<String>> problems = new TreeMap<>();

    public KubernetesRevocations(RevocationRegistry registry) {
        this.registry = Objects.requireNonNull(registry);
    }

    /** An added or updated object: {@code key} is {@code namespace/name} (or {@code name}). */
    public synchronized void replaceSource(String key, Map<String, Object> spec) {
        int slash = key.indexOf('/');
        String namespace = slash < 0 ? "" : key.substring(0, slash);
        String name = key.substring(slash + 1);
        ParsedSpec parsed = RenewRevocations.parse(spec, namespace, name);
        String source = RenewRevocations.kubeSourceKey(namespace, name);
        if (parsed.valid()) {
            problems.remove(key);
            registry.replaceSource(source, parsed.rules());
            return;
        }
        List<RevocationRule> kept = new ArrayList<>(registry.source(source).orElse(List.of()));
        Set<String> meanings = new HashSet<>();
        kept.forEach(r -> meanings.add(r.describe()));
        parsed.rules().stream().filter(r -> meanings.add(r.describe())).forEach(kept::add);
        registry.replaceSource(source, kept);
        problems.put(key, parsed.errors());
        LOG.log(Level.WARNING, "RenewRevocation {0} is invalid; its earlier rules stay in force and its valid entries"
                + " apply: {1}", key, String.join("; ", parsed.errors()));
    }

    /** The object was deleted: its rules are lifted. */
    public synchronized void removeSource(String key) {
        int slash = key.indexOf('/');
        String namespace = slash < 0 ? "" : key.substring(0, slash);
        registry.removeSource(RenewRevocations.kubeSourceKey(namespace, key.substring(slash + 1)));
        problems.remove(key);
    }

    /** Invalid objects by key ({@code namespace/name}) with their errors, for {@code /readyz?verbose}. */
    public synchronized Map<String, List<String>> problems() {
        return Collections.unmodifiableMap(new TreeMap<>(problems));
    }
}
