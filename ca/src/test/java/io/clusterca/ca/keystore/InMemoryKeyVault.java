package io.clusterca.ca.keystore;

import java.security.PrivateKey;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A thread-safe in-memory KeyVault for tests that are not about sealing. */
public final class InMemoryKeyVault implements KeyVault {
    private final ConcurrentHashMap<String, PrivateKey> keys = new ConcurrentHashMap<>();

    @Override
    public void put(String id, PrivateKey key) {
        keys.put(id, key);
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
