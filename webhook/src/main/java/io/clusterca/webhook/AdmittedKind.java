package io.clusterca.webhook;

import io.fabric8.kubernetes.api.model.GroupVersionKind;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds the policy has an opinion on, recognised by group and kind of {@code request.kind}. The version is
 * ignored: with {@code matchPolicy: Equivalent} the API server converts to the version the webhook registered.
 */
enum AdmittedKind {
    SECRET,
    POD,
    /** Anything that carries a pod template. */
    WORKLOAD,
    RENEW_REVOCATION;

    private static final Map<String, AdmittedKind> BY_GROUP_AND_KIND = Map.of(
            "/Secret", SECRET,
            "/Pod", POD,
            "/ReplicationController", WORKLOAD,
            "/PodTemplate", WORKLOAD,
            "apps/Deployment", WORKLOAD,
            "apps/StatefulSet", WORKLOAD,
            "apps/DaemonSet", WORKLOAD,
            "apps/ReplicaSet", WORKLOAD,
            "batch/Job", WORKLOAD,
            "batch/CronJob", WORKLOAD);
    private static final String RENEW_REVOCATION_KEY = "clusterca.io/RenewRevocation";

    static Optional<AdmittedKind> of(GroupVersionKind kind) {
        if (kind == null || kind.getKind() == null) {
            return Optional.empty();
        }
        String key = (kind.getGroup() == null ? "" : kind.getGroup()) + "/" + kind.getKind();
        if (RENEW_REVOCATION_KEY.equals(key)) {
            return Optional.of(RENEW_REVOCATION);
        }
        return Optional.ofNullable(BY_GROUP_AND_KIND.get(key));
    }
}
