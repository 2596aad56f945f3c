package io.clusterca.webhook.rules;

import io.clusterca.webhook.Rule;
import io.clusterca.webhook.Violation;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.util.List;

/** Projected {@code serviceAccountToken} sources may not ask for tokens that live longer than the maximum. */
final class TokenLifetimeRule {
    /** What the API server uses when {@code expirationSeconds} is unset. */
    static final long DEFAULT_EXPIRATION_SECONDS = 3600;
    /**
     * The ServiceAccount admission plugin injects {@code kube-api-access-<random>} with this lifetime (an hour plus
     * seven seconds, so the API server can recognise and extend it); it is part of every pod and always passes.
     */
    static final long KUBE_API_ACCESS_EXPIRATION_SECONDS = 3607;
    static final String KUBE_API_ACCESS_PREFIX = "kube-api-access-";

    private final long maxExpirationSeconds;

    TokenLifetimeRule(long maxExpirationSeconds) {
        this.maxExpirationSeconds = maxExpirationSeconds;
    }

    void check(Volume volume, FieldPath volumePath, List<Violation> violations) {
        if (volume.getProjected() == null || volume.getProjected().getSources() == null) {
            return;
        }
        List<VolumeProjection> sources = volume.getProjected().getSources();
        for (int i = 0; i < sources.size(); i++) {
            ServiceAccountTokenProjection token = sources.get(i).getServiceAccountToken();
            if (token == null || isInjectedApiAccess(volume, token)) {
                continue;
            }
            Long requested = token.getExpirationSeconds();
            long effective = requested == null ? DEFAULT_EXPIRATION_SECONDS : requested;
            if (effective > maxExpirationSeconds) {
                String value = requested == null ? "unset (so " + DEFAULT_EXPIRATION_SECONDS + ")" : requested.toString();
                violations.add(Violation.of(Rule.TOKEN_EXPIRATION_TOO_LONG,
                        volumePath.child("projected").child("sources").index(i)
                                .child("serviceAccountToken").child("expirationSeconds").toString(),
                        value + " exceeds the maximum of " + maxExpirationSeconds + " seconds",
                        "set expirationSeconds to " + maxExpirationSeconds
                                + " or less (the kubelet renews projected tokens before they expire)"));
            }
        }
    }

    private static boolean isInjectedApiAccess(Volume volume, ServiceAccountTokenProjection token) {
        return volume.getName() != null && volume.getName().startsWith(KUBE_API_ACCESS_PREFIX)
                && token.getExpirationSeconds() != null
                && token.getExpirationSeconds() == KUBE_API_ACCESS_EXPIRATION_SECONDS;
    }
}
