package io.clusterca.kube;

/**
 * Seam to the webhook's cache of legacy service-account token Secrets (type
 * {@code kubernetes.io/service-account-token}), which lets the webhook refuse pods that mount them.
 * Thread-safe; called from the Secret informer's thread.
 */
public interface LegacyTokenSink {
    void put(String namespace, String name);

    void remove(String namespace, String name);
}
