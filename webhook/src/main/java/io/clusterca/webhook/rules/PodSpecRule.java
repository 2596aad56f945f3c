package io.clusterca.webhook.rules;

import io.clusterca.webhook.LegacyTokenSecrets;
import io.clusterca.webhook.Violation;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;

/** The token checks of one pod spec, wherever it lives (a Pod, or the template of a workload). */
public final class PodSpecRule {
    private final TokenLifetimeRule lifetime;
    private final LegacyTokenReferenceRule references;

    public PodSpecRule(long maxTokenExpirationSeconds, LegacyTokenSecrets legacySecrets) {
        this.lifetime = new TokenLifetimeRule(maxTokenExpirationSeconds);
        this.references = new LegacyTokenReferenceRule(legacySecrets);
    }

    /** Every check: volumes, containers, init containers and ephemeral containers. */
    public List<Violation> check(PodSpec spec, String namespace, FieldPath specPath) {
        List<Violation> violations = new ArrayList<>(0);
        if (spec == null) {
            return violations;
        }
        List<Volume> volumes = spec.getVolumes();
        if (volumes != null) {
            for (int i = 0; i < volumes.size(); i++) {
                FieldPath volumePath = specPath.child("volumes").index(i);
                lifetime.check(volumes.get(i), volumePath, violations);
                references.check(volumes.get(i), namespace, volumePath, violations);
            }
        }
        checkContainers(spec.getInitContainers(), "initContainers", namespace, specPath, violations);
        checkContainers(spec.getContainers(), "containers", namespace, specPath, violations);
        checkEphemeralContainers(spec.getEphemeralContainers(), namespace, specPath, violations);
        return violations;
    }

    /**
     * Only what the {@code pods/ephemeralcontainers} subresource can change: ephemeral containers cannot add
     * volumes, but their environment can reference Secrets.
     */
    public List<Violation> checkEphemeralContainers(PodSpec spec, String namespace, FieldPath specPath) {
        List<Violation> violations = new ArrayList<>(0);
        if (spec != null) {
            checkEphemeralContainers(spec.getEphemeralContainers(), namespace, specPath, violations);
        }
        return violations;
    }

    private void checkContainers(List<Container> containers, String field, String namespace, FieldPath specPath,
                                 List<Violation> violations) {
        if (containers == null) {
            return;
        }
        for (int i = 0; i < containers.size(); i++) {
            Container container = containers.get(i);
            references.checkEnvironment(container.getEnv(), container.getEnvFrom(), namespace,
                    specPath.child(field).index(i), violations);
        }
    }

    private void checkEphemeralContainers(List<EphemeralContainer> containers, String namespace, FieldPath specPath,
                                          List<Violation> violations) {
        if (containers == null) {
            return;
        }
        for (int i = 0; i < containers.size(); i++) {
            EphemeralContainer container = containers.get(i);
            references.checkEnvironment(container.getEnv(), container.getEnvFrom(), namespace,
                    specPath.child("ephemeralContainers").index(i), violations);
        }
    }
}
