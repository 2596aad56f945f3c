package io.clusterca.webhook;

import io.clusterca.webhook.rules.FieldPath;
import io.clusterca.webhook.rules.LegacyTokenDetector;
import io.clusterca.webhook.rules.PodSpecRule;
import io.clusterca.webhook.rules.SecretRule;
import io.clusterca.webhook.rules.WorkloadPodTemplates;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The bounded-token admission policy: a pure function from an AdmissionRequest to a {@link Verdict}.
 *
 * <ul>
 *   <li>DELETE and CONNECT are always allowed; so are kinds the policy does not know and subresources other
 *       than {@code pods/ephemeralcontainers}. A dry run gets the verdict the real request would get.</li>
 *   <li>Secrets (CREATE, UPDATE): no {@code kubernetes.io/service-account-token} type, no legacy token in
 *       {@code data} or {@code stringData}.</li>
 *   <li>Pods (CREATE) and the pod templates of workloads (CREATE, UPDATE): no projected token longer than the
 *       maximum, no reference to a known legacy token Secret. A Pod UPDATE is only checked through
 *       {@code pods/ephemeralcontainers}, the one way to change a running pod's containers.</li>
 *   <li>An UPDATE is refused only for violations it introduces. What the object already had is reported as a
 *       warning: otherwise no one could label, annotate or remove a finalizer from an object created before the
 *       policy, including Kubernetes' own legacy-token tracking and cleanup controllers.</li>
 *   <li>The namespace's {@link Mode} turns violations into warnings ({@code warn}) or skips checking ({@code off}).
 *       {@code RenewRevocation} (cluster-scoped, not a token policy) is always validated.</li>
 * </ul>
 * Thread-safe as long as its collaborators are.
 */
public final class TokenPolicy {
    public static final String EPHEMERAL_CONTAINERS_SUBRESOURCE = "ephemeralcontainers";
    private static final FieldPath POD_SPEC = FieldPath.of("spec");

    private final NamespaceModes modes;
    private final SecretRule secretRule;
    private final PodSpecRule podSpecRule;
    private final RenewRevocationValidator renewRevocations;

    public TokenPolicy(long maxTokenExpirationSeconds, NamespaceModes modes, LegacyTokenSecrets legacySecrets,
                       RenewRevocationValidator renewRevocations) {
        this.modes = Objects.requireNonNull(modes, "modes");
        this.secretRule = new SecretRule(new LegacyTokenDetector());
        this.podSpecRule = new PodSpecRule(maxTokenExpirationSeconds, Objects.requireNonNull(legacySecrets, "legacySecrets"));
        this.renewRevocations = Objects.requireNonNull(renewRevocations, "renewRevocations");
    }

    /** The policy without Kubernetes: modes from the settings' default and exempt namespaces. */
    public static TokenPolicy of(WebhookSettings settings, LegacyTokenSecrets legacySecrets,
                                 RenewRevocationValidator renewRevocations) {
        return new TokenPolicy(settings.maxTokenExpirationSeconds(), new StaticNamespaceModes(settings), legacySecrets,
                renewRevocations);
    }

    public Verdict evaluate(AdmissionRequest request) {
        String operation = request.getOperation();
        boolean create = "CREATE".equals(operation);
        boolean update = "UPDATE".equals(operation);
        if (!create && !update) {
            return Verdict.allow();
        }
        Optional<AdmittedKind> kind = AdmittedKind.of(request.getKind());
        if (kind.isEmpty()) {
            return Verdict.allow();
        }
        String subresource = request.getSubResource() == null ? "" : request.getSubResource();
        boolean ephemeralContainers = kind.get() == AdmittedKind.POD && update
                && EPHEMERAL_CONTAINERS_SUBRESOURCE.equals(subresource);
        if (!subresource.isEmpty() && !ephemeralContainers) {
            return Verdict.allow();
        }
        if (kind.get() == AdmittedKind.RENEW_REVOCATION) {
            return renewRevocation(request.getObject());
        }
        String namespace = namespaceOf(request);
        Mode mode = modes.modeOf(namespace);
        if (mode == Mode.OFF) {
            return Verdict.allow();
        }
        return switch (kind.get()) {
            case SECRET -> judge(mode, request, Secret.class, secretRule::check);
            case POD -> pod(mode, request, namespace, create, ephemeralContainers);
            case WORKLOAD -> judge(mode, request, Object.class, workload -> WorkloadPodTemplates.podSpecOf(workload)
                    .map(at -> podSpecRule.check(at.spec(), namespace, at.path()))
                    .orElse(List.of()));
            case RENEW_REVOCATION -> throw new AssertionError("handled above");
        };
    }

    private Verdict pod(Mode mode, AdmissionRequest request, String namespace, boolean create, boolean ephemeralContainers) {
        if (ephemeralContainers) {
            return judge(mode, request, Pod.class,
                    pod -> podSpecRule.checkEphemeralContainers(pod.getSpec(), namespace, POD_SPEC));
        }
        if (create) {
            return judge(mode, request, Pod.class, pod -> podSpecRule.check(pod.getSpec(), namespace, POD_SPEC));
        }
        // The volumes and environment of a pod are immutable: a plain UPDATE cannot add a token.
        return Verdict.allow();
    }

    /** Violations of the new object, minus (on UPDATE) those the old object already had, weighed by the mode. */
    private static <T> Verdict judge(Mode mode, AdmissionRequest request, Class<T> type,
                                     Function<T, List<Violation>> check) {
        if (!type.isInstance(request.getObject())) {
            return Verdict.allow();
        }
        List<Violation> found = check.apply(type.cast(request.getObject()));
        if (found.isEmpty()) {
            return Verdict.allow();
        }
        List<Violation> before = type.isInstance(request.getOldObject())
                ? check.apply(type.cast(request.getOldObject())) : List.of();
        List<Violation> introduced = new ArrayList<>();
        List<Violation> kept = new ArrayList<>();
        for (Violation v : found) {
            (before.stream().anyMatch(v::sameFindingAs) ? kept : introduced).add(v);
        }
        if (introduced.isEmpty()) {
            return new Verdict.Warned(kept);
        }
        if (mode == Mode.WARN) {
            return new Verdict.Warned(found);
        }
        return new Verdict.Denied(introduced);
    }

    private Verdict renewRevocation(Object object) {
        Map<String, Object> spec = specOf(object);
        List<Violation> violations = renewRevocations.validate(spec).stream()
                .map(problem -> Violation.of(Rule.INVALID_RENEW_REVOCATION, "", problem))
                .toList();
        return violations.isEmpty() ? Verdict.allow() : new Verdict.Denied(violations);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> specOf(Object object) {
        if (object instanceof GenericKubernetesResource resource
                && resource.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec) {
            return (Map<String, Object>) spec;
        }
        return Map.of();
    }

    private static String namespaceOf(AdmissionRequest request) {
        if (request.getNamespace() != null && !request.getNamespace().isEmpty()) {
            return request.getNamespace();
        }
        if (request.getObject() instanceof HasMetadata object && object.getMetadata() != null
                && object.getMetadata().getNamespace() != null) {
            return object.getMetadata().getNamespace();
        }
        return "";
    }
}
