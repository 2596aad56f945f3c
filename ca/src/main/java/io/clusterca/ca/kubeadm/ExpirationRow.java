package io.clusterca.ca.kubeadm;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** One line of {@code certs check-expiration}: a certificate (or CA) found, missing, or unreadable. */
public sealed interface ExpirationRow {
    /** kubeadm's name: {@code apiserver}, {@code etcd-server}, {@code ca}, {@code etcd-ca}, ... */
    String name();

    /**
     * @param residual          time left from the report's "now" (negative once expired)
     * @param authority         the issuing CA's kubeadm name for a leaf; empty for a CA row
     * @param externallyManaged kubeadm's "CA certificate provided without its key, cannot renew": never
     *                          true here, ClusterCA holds every CA key and renews from it
     */
    record Found(String name, Instant expires, Duration residual, Optional<String> authority,
                 boolean externallyManaged) implements ExpirationRow {}

    record Missing(String name) implements ExpirationRow {}

    record Unreadable(String name, String reason) implements ExpirationRow {}
}
