package io.clusterca.kube;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How Kubernetes mode runs.
 *
 * @param namespace               where the Lease (and the shared key Secret) live: the service's own namespace
 * @param leaseName               the coordination.k8s.io Lease the replicas elect a leader with
 * @param webhookConfigurationName the ValidatingWebhookConfiguration whose caBundle we keep
 * @param bundleNamespaceLabel    namespaces labelled {@code <this>=true} get the trust-bundle ConfigMap
 * @param identity                this replica in the Lease: the pod name
 * @param resync                  how often informers replay their cache, repairing anything a missed event left wrong
 */
public record KubernetesModeSettings(String namespace, String leaseName, String webhookConfigurationName,
                                     String bundleNamespaceLabel, String identity, LeaseTimings leaseTimings,
                                     Duration resync) {
    public static final String DEFAULT_NAMESPACE = "clusterca";
    public static final String DEFAULT_LEASE_NAME = "clusterca-leader";

    /** Defaults for a pod: its namespace from the service-account mount, its name from POD_NAME or HOSTNAME. */
    public static KubernetesModeSettings forThisPod() {
        return defaults(podNamespace(KubernetesConnection.SERVICE_ACCOUNT_DIR).orElse(DEFAULT_NAMESPACE),
                podIdentity(System.getenv()));
    }

    public static KubernetesModeSettings defaults(String namespace, String identity) {
        return new KubernetesModeSettings(namespace, DEFAULT_LEASE_NAME, WebhookCaBundleInjector.DEFAULT_NAME,
                TrustBundlePublisher.DEFAULT_LABEL, identity, LeaseTimings.DEFAULT, Duration.ofMinutes(10));
    }

    static Optional<String> podNamespace(Path serviceAccountDir) {
        try {
            Path file = serviceAccountDir.resolve("namespace");
            return Files.isReadable(file) ? Optional.of(Files.readString(file).trim()).filter(s -> !s.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The downward API's POD_NAME, else HOSTNAME (a pod's host name is its name), else the local host name. */
    static String podIdentity(Map<String, String> environment) {
        for (String variable : new String[] {"POD_NAME", "HOSTNAME"}) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("cannot name this replica for leader election: set POD_NAME", e);
        }
    }

    public KubernetesModeSettings withIdentity(String newIdentity) {
        return new KubernetesModeSettings(namespace, leaseName, webhookConfigurationName, bundleNamespaceLabel,
                newIdentity, leaseTimings, resync);
    }

    public KubernetesModeSettings withLeaseTimings(LeaseTimings timings) {
        return new KubernetesModeSettings(namespace, leaseName, webhookConfigurationName, bundleNamespaceLabel,
                identity, timings, resync);
    }
}
