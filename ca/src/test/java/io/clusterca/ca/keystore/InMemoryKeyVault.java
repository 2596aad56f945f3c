package io.clusterca.ca.keystore;

import java.security.PrivateKey;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A thread-safe {@link KeyVault} in memory, for tests. Nothing is sealed and nothing survives the JVM. */
public final class InMemoryKeyVault implements KeyVault {
    private final ConcurrentMap<String, PrivateKey> keys = new ConcurrentHashMap<>();

    @Override
    public void put(String id, PrivateKey key) {
        keys.put(Objects.requireNonNull(id, "id"), Objects.requireNonNull(key, "key"));
    }

    @Override
    public Optional<PrivateKey> get(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    @Override
    public Set<String> ids() {
        return Set.copyOf(keys.keySet());
    }

    @Override
    public void delete(String id) {
        keys.remove(id);
    }
}
