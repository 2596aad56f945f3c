package io.clusterca.webhook.rules;

import io.clusterca.webhook.LegacyTokenSecrets;
import io.clusterca.webhook.Rule;
import io.clusterca.webhook.Violation;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Pods may not consume known legacy token Secrets: as a secret volume, a projected secret source, an
 * {@code env[].valueFrom.secretKeyRef} or an {@code envFrom[].secretRef}.
 */
final class LegacyTokenReferenceRule {
    private static final String USE_PROJECTED_TOKEN = "use a projected serviceAccountToken volume instead";

    private final LegacyTokenSecrets legacySecrets;

    LegacyTokenReferenceRule(LegacyTokenSecrets legacySecrets) {
        this.legacySecrets = Objects.requireNonNull(legacySecrets, "legacySecrets");
    }

    void check(Volume volume, String namespace, FieldPath volumePath, List<Violation> violations) {
        if (volume.getSecret() != null) {
            refuseIfLegacy(namespace, volume.getSecret().getSecretName(),
                    () -> volumePath.child("secret").child("secretName"), violations);
        }
        if (volume.getProjected() != null && volume.getProjected().getSources() != null) {
            List<VolumeProjection> sources = volume.getProjected().getSources();
            for (int i = 0; i < sources.size(); i++) {
                if (sources.get(i).getSecret() != null) {
                    int source = i;
                    refuseIfLegacy(namespace, sources.get(i).getSecret().getName(),
                            () -> volumePath.child("projected").child("sources").index(source).child("secret").child("name"),
                            violations);
                }
            }
        }
    }

    /** The environment of one container of any kind (regular, init or ephemeral: they share no Java type). */
    void checkEnvironment(List<EnvVar> env, List<EnvFromSource> envFrom, String namespace, FieldPath containerPath,
                          List<Violation> violations) {
        if (env != null) {
            for (int i = 0; i < env.size(); i++) {
                EnvVar variable = env.get(i);
                if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                    int index = i;
                    refuseIfLegacy(namespace, variable.getValueFrom().getSecretKeyRef().getName(),
                            () -> containerPath.child("env").index(index).child("valueFrom").child("secretKeyRef").child("name"),
                            violations);
                }
            }
        }
        if (envFrom != null) {
            for (int i = 0; i < envFrom.size(); i++) {
                if (envFrom.get(i).getSecretRef() != null) {
                    int index = i;
                    refuseIfLegacy(namespace, envFrom.get(i).getSecretRef().getName(),
                            () -> containerPath.child("envFrom").index(index).child("secretRef").child("name"),
                            violations);
                }
            }
        }
    }

    private void refuseIfLegacy(String namespace, String secretName, Supplier<FieldPath> path, List<Violation> violations) {
        if (secretName != null && legacySecrets.isLegacyToken(namespace, secretName)) {
            violations.add(Violation.of(Rule.LEGACY_TOKEN_REFERENCE, path.get().toString(),
                    '"' + secretName + "\" is a legacy service-account token Secret", USE_PROJECTED_TOKEN));
        }
    }
}
