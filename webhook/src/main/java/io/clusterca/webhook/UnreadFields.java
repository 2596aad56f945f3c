package io.clusterca.webhook;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerSpec;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.Map;

/**
 * The subtrees of an AdmissionReview that nothing reads, as Jackson mix-ins: the parser skips them
 * ({@code skipChildren}) instead of building fabric8 beans (quantities, probes, affinities...) that would be thrown
 * away; decoding is nearly all of a review's cost. Skipped JSON is still tokenized, so a syntax error anywhere is
 * still refused; only its shape goes unchecked, as it would for a field no version of fabric8 knows.
 *
 * <p>What IS read, and so must never be listed here: the request's {@code uid}, {@code kind}, {@code operation},
 * {@code subResource}, {@code namespace}, {@code name}, {@code dryRun}, {@code userInfo.username} (events),
 * {@code object} and {@code oldObject}; every object's {@code apiVersion}, {@code kind} and
 * {@code metadata.namespace}; a Secret's {@code type}, {@code data} and {@code stringData}; the path to each pod
 * template ({@code spec.template}, {@code spec.jobTemplate.spec.template}, {@code template}) and its {@code spec};
 * a pod spec's {@code volumes} (their {@code name}, {@code secret}, {@code projected} secret and
 * serviceAccountToken sources), {@code containers}, {@code initContainers} and {@code ephemeralContainers} (their
 * {@code env} and {@code envFrom}); a RenewRevocation's {@code spec} (an untyped resource, not touched here).
 * {@code UnreadFieldsTest} round-trips an object of each governed kind holding all of these.
 *
 * <p>{@code allowGetters} keeps the fields when encoding: the codec writes full objects too (warm-up samples).
 */
final class UnreadFields {
    /** Target type → the mix-in naming what to skip in it. */
    static final Map<Class<?>, Class<?>> MIX_INS = Map.ofEntries(
            Map.entry(ObjectMeta.class, ObjectMetaMixIn.class),
            Map.entry(Pod.class, StatusMixIn.class),
            Map.entry(Deployment.class, StatusMixIn.class),
            Map.entry(StatefulSet.class, StatusMixIn.class),
            Map.entry(DaemonSet.class, StatusMixIn.class),
            Map.entry(ReplicaSet.class, StatusMixIn.class),
            Map.entry(ReplicationController.class, StatusMixIn.class),
            Map.entry(Job.class, StatusMixIn.class),
            Map.entry(CronJob.class, StatusMixIn.class),
            Map.entry(DeploymentSpec.class, DeploymentSpecMixIn.class),
            Map.entry(StatefulSetSpec.class, StatefulSetSpecMixIn.class),
            Map.entry(DaemonSetSpec.class, DaemonSetSpecMixIn.class),
            Map.entry(ReplicaSetSpec.class, SelectorMixIn.class),
            Map.entry(ReplicationControllerSpec.class, SelectorMixIn.class),
            Map.entry(JobSpec.class, JobSpecMixIn.class),
            Map.entry(PodSpec.class, PodSpecMixIn.class),
            Map.entry(Container.class, ContainerMixIn.class),
            Map.entry(EphemeralContainer.class, ContainerMixIn.class),
            Map.entry(VolumeProjection.class, VolumeProjectionMixIn.class));

    private UnreadFields() {
    }

    /**
     * Only {@code namespace} (of the object itself) is read. managedFields is server-side-apply bookkeeping, often
     * larger than the spec it describes; annotations carry kubectl's last-applied copy of the whole object.
     */
    @JsonIgnoreProperties(value = {"managedFields", "annotations", "labels", "ownerReferences", "finalizers"},
            allowGetters = true)
    private abstract static class ObjectMetaMixIn {
    }

    /** The policy judges what an object asks for; status is what its controllers report back. */
    @JsonIgnoreProperties(value = "status", allowGetters = true)
    private abstract static class StatusMixIn {
    }

    /** Which pods a controller owns, not what they contain. */
    @JsonIgnoreProperties(value = "selector", allowGetters = true)
    private abstract static class SelectorMixIn {
    }

    @JsonIgnoreProperties(value = {"selector", "strategy"}, allowGetters = true)
    private abstract static class DeploymentSpecMixIn {
    }

    /** volumeClaimTemplates are PersistentVolumeClaims, which mount no Secret and request no token. */
    @JsonIgnoreProperties(value = {"selector", "updateStrategy", "volumeClaimTemplates",
            "persistentVolumeClaimRetentionPolicy", "ordinals"}, allowGetters = true)
    private abstract static class StatefulSetSpecMixIn {
    }

    @JsonIgnoreProperties(value = {"selector", "updateStrategy"}, allowGetters = true)
    private abstract static class DaemonSetSpecMixIn {
    }

    @JsonIgnoreProperties(value = {"selector", "podFailurePolicy", "successPolicy"}, allowGetters = true)
    private abstract static class JobSpecMixIn {
    }

    /** Scheduling and pod-level security settings: none of them can carry a token. */
    @JsonIgnoreProperties(value = {"affinity", "tolerations", "topologySpreadConstraints", "nodeSelector",
            "securityContext", "dnsConfig", "hostAliases", "imagePullSecrets", "readinessGates", "resourceClaims",
            "schedulingGates", "overhead", "resources", "os"}, allowGetters = true)
    private abstract static class PodSpecMixIn {
    }

    /**
     * A container reaches a Secret only through env and envFrom (volumeMounts name volumes, which are checked
     * themselves). Container and EphemeralContainer share these field names.
     */
    @JsonIgnoreProperties(value = {"command", "args", "ports", "resources", "resizePolicy", "volumeMounts",
            "volumeDevices", "livenessProbe", "readinessProbe", "startupProbe", "lifecycle", "securityContext",
            "restartPolicyRules"}, allowGetters = true)
    private abstract static class ContainerMixIn {
    }

    /** Every pod's kube-api-access volume projects a ConfigMap (the CA) and the downward API (the namespace). */
    @JsonIgnoreProperties(value = {"configMap", "downwardAPI", "clusterTrustBundle", "podCertificate"},
            allowGetters = true)
    private abstract static class VolumeProjectionMixIn {
    }
}
