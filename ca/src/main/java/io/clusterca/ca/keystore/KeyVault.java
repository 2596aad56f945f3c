package io.clusterca.ca.keystore;

import java.security.PrivateKey;
import java.util.Optional;
import java.util.Set;

/**
 * Where the service keeps its private keys, by stable id (e.g. {@code ca/kubernetes-ca},
 * {@code sa/<kid>}, {@code serving/<serial>}). The production implementation seals every key with
 * envelope encryption; nothing reading or writing through this interface sees key material on disk.
 * Implementations are thread-safe; calls block on disk I/O.
 */
public interface KeyVault {
    /** Stores {@code key} durably under {@code id}, replacing any previous key of that id atomically. */
    void put(String id, PrivateKey key);

    Optional<PrivateKey> get(String id);

    Set<String> ids();

    void delete(String id);
}
