package io.clusterca.webhook;

/**
 * Knows which Secrets hold legacy service-account tokens (type {@code kubernetes.io/service-account-token}).
 * Implementations must be thread-safe and answer from memory: they are asked on every pod admission.
 */
@FunctionalInterface
public interface LegacyTokenSecrets {
    boolean isLegacyToken(String namespace, String name);
}
