package io.clusterca.kube;

/**
 * One reconcile loop or informer of Kubernetes mode. {@link #start()} after {@link #stop()} starts it
 * afresh (leader-only controllers stop when the lease is lost and start again when it is won back).
 */
public interface Controller {
    /** A short name for logs and readiness, e.g. {@code csr-signer}. */
    String name();

    void start();

    /** Stops at once: informers closed, queued work dropped, a running reconcile interrupted. Idempotent. */
    void stop();

    /** Whether every informer has completed its initial list (false while stopped). */
    boolean synced();
}
