package io.clusterca.webhook;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A thread-safe set of known legacy token Secrets, filled by whoever watches Secrets (an informer in Kubernetes mode). */
public final class InMemoryLegacyTokenSecrets implements LegacyTokenSecrets {
    private record SecretKey(String namespace, String name) {
        SecretKey {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
        }
    }

    private final Set<SecretKey> secrets = ConcurrentHashMap.newKeySet();

    public void add(String namespace, String name) {
        secrets.add(new SecretKey(namespace, name));
    }

    public void remove(String namespace, String name) {
        secrets.remove(new SecretKey(namespace, name));
    }

    /** Forgets everything, e.g. before an informer relists. */
    public void clear() {
        secrets.clear();
    }

    public int size() {
        return secrets.size();
    }

    @Override
    public boolean isLegacyToken(String namespace, String name) {
        return namespace != null && name != null && secrets.contains(new SecretKey(namespace, name));
    }
}
