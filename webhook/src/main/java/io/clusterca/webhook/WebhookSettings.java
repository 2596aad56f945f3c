package io.clusterca.webhook;

import java.util.Objects;
import java.util.Set;

/**
 * Operator configuration of the admission policy.
 *
 * @param defaultMode                 the mode of a namespace that says nothing else
 * @param exemptNamespaces            namespaces never checked (mode {@code off})
 * @param maxTokenExpirationSeconds   the longest projected {@code serviceAccountToken} lifetime admitted
 */
public record WebhookSettings(Mode defaultMode, Set<String> exemptNamespaces, long maxTokenExpirationSeconds) {
    /** One day: the kubelet refreshes projected tokens at 80 % of their life or after 24 h anyway. */
    public static final long DEFAULT_MAX_TOKEN_EXPIRATION_SECONDS = 86_400;
    /** The API server refuses {@code expirationSeconds} below ten minutes, so a lower maximum would refuse every token. */
    public static final long MIN_TOKEN_EXPIRATION_SECONDS = 600;
    /** The API server's own upper bound for {@code expirationSeconds} (2^32). */
    public static final long MAX_TOKEN_EXPIRATION_SECONDS = 1L << 32;

    public WebhookSettings {
        Objects.requireNonNull(defaultMode, "defaultMode");
        exemptNamespaces = Set.copyOf(exemptNamespaces);
        if (maxTokenExpirationSeconds < MIN_TOKEN_EXPIRATION_SECONDS
                || maxTokenExpirationSeconds > MAX_TOKEN_EXPIRATION_SECONDS) {
            throw new IllegalArgumentException("maximum token expiration must be between "
                    + MIN_TOKEN_EXPIRATION_SECONDS + " and " + MAX_TOKEN_EXPIRATION_SECONDS
                    + " seconds, was " + maxTokenExpirationSeconds);
        }
    }

    /** Enforce everywhere, exempt nothing, one day maximum. */
    public static WebhookSettings defaults() {
        return new WebhookSettings(Mode.ENFORCE, Set.of(), DEFAULT_MAX_TOKEN_EXPIRATION_SECONDS);
    }

    public WebhookSettings withMaxTokenExpirationSeconds(long seconds) {
        return new WebhookSettings(defaultMode, exemptNamespaces, seconds);
    }
}
