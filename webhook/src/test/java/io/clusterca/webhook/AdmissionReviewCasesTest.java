package io.clusterca.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The policy as a table: each row is a realistic AdmissionReview (as kube-apiserver sends it) and the exact answer
 * expected on the wire. Settings are the defaults: enforce, maximum 86400 s; {@code team-a/build-robot-token} is a
 * known legacy token Secret.
 */
class AdmissionReviewCasesTest {
    private static final String LEGACY_REF = "\"build-robot-token\" is a legacy service-account token Secret";
    private static final String USE_PROJECTED = "use a projected serviceAccountToken volume instead";
    private static final String LOWER_EXPIRATION =
            "set expirationSeconds to 86400 or less (the kubelet renews projected tokens before they expire)";
    private static final String STORE_BOUND =
            "store a bound token with an expiry (TokenRequest API, kubectl create token) instead";
    private static final String TEMPLATE_TOKEN = "volumes[1].projected.sources[0].serviceAccountToken.expirationSeconds";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the response must say. */
    sealed interface Expect {}

    record Allowed() implements Expect {}

    record Warned(List<String> warnings) implements Expect {}

    record Denied(Rule rule, String message) implements Expect {}

    static Stream<Arguments> cases() {
        return Stream.of(
                // Secrets
                row("admits an Opaque Secret with ordinary credentials", "secrets/create-opaque.json", allowed()),
                row("refuses a Secret of type kubernetes.io/service-account-token", "secrets/create-legacy-token-type.json",
                        denied(Rule.LEGACY_TOKEN_SECRET_TYPE, "type: \"kubernetes.io/service-account-token\" makes the token "
                                + "controller store a non-expiring token; use the TokenRequest API (kubectl create token) "
                                + "or a projected serviceAccountToken volume instead")),
                row("refuses the same Secret in a dry run", "secrets/create-legacy-token-type-dry-run.json",
                        denied(Rule.LEGACY_TOKEN_SECRET_TYPE, "type: \"kubernetes.io/service-account-token\" makes the token "
                                + "controller store a non-expiring token; use the TokenRequest API (kubectl create token) "
                                + "or a projected serviceAccountToken volume instead")),
                row("refuses a legacy JWT copied into data", "secrets/create-legacy-jwt-in-data.json",
                        denied(Rule.LEGACY_TOKEN_IN_SECRET, "data[token]: contains a non-expiring service-account token for "
                                + "system:serviceaccount:team-a:build-robot; " + STORE_BOUND)),
                row("refuses a legacy JWT copied into stringData", "secrets/create-legacy-jwt-in-string-data.json",
                        denied(Rule.LEGACY_TOKEN_IN_SECRET, "stringData[token]: contains a non-expiring service-account token "
                                + "for system:serviceaccount:team-a:build-robot; " + STORE_BOUND)),
                row("refuses a kubeconfig that embeds a legacy JWT", "secrets/create-kubeconfig-with-legacy-jwt.json",
                        denied(Rule.LEGACY_TOKEN_IN_SECRET, "data[kubeconfig]: contains a non-expiring service-account token "
                                + "for system:serviceaccount:team-a:build-robot; " + STORE_BOUND)),
                row("admits a bound token, which has exp", "secrets/create-bound-jwt-in-data.json", allowed()),
                row("admits relabelling a pre-existing legacy token Secret, with warnings",
                        "secrets/update-labels-legacy-token-secret.json",
                        warned("type: \"kubernetes.io/service-account-token\" makes the token controller store a non-expiring token",
                                "data[token]: contains a non-expiring service-account token for system:serviceaccount:team-a:build-robot")),
                row("refuses an update that adds a legacy JWT", "secrets/update-adds-legacy-jwt.json",
                        denied(Rule.LEGACY_TOKEN_IN_SECRET, "data[token]: contains a non-expiring service-account token for "
                                + "system:serviceaccount:team-a:build-robot; " + STORE_BOUND)),
                row("admits deleting a legacy token Secret", "secrets/delete-legacy-token-secret.json", allowed()),
                // Pods
                row("admits the API server's injected kube-api-access volume (3607 s)",
                        "pods/create-with-injected-kube-api-access.json", allowed()),
                row("admits a projected token of exactly 86400 s", "pods/create-token-86400.json", allowed()),
                row("refuses a projected token of 86401 s", "pods/create-token-86401.json",
                        denied(Rule.TOKEN_EXPIRATION_TOO_LONG, "spec.volumes[0].projected.sources[0].serviceAccountToken"
                                + ".expirationSeconds: 86401 exceeds the maximum of 86400 seconds; " + LOWER_EXPIRATION)),
                row("refuses the same pod in a dry run", "pods/create-token-86401-dry-run.json",
                        denied(Rule.TOKEN_EXPIRATION_TOO_LONG, "spec.volumes[0].projected.sources[0].serviceAccountToken"
                                + ".expirationSeconds: 86401 exceeds the maximum of 86400 seconds; " + LOWER_EXPIRATION)),
                row("admits a projected token without expirationSeconds (3600 s)",
                        "pods/create-token-expiration-unset.json", allowed()),
                row("refuses a secret volume of a legacy token Secret", "pods/create-legacy-secret-volume.json",
                        denied(Rule.LEGACY_TOKEN_REFERENCE, "spec.volumes[1].secret.secretName: " + LEGACY_REF + "; " + USE_PROJECTED)),
                row("refuses a projected secret source of a legacy token Secret", "pods/create-legacy-projected-secret.json",
                        denied(Rule.LEGACY_TOKEN_REFERENCE, "spec.volumes[0].projected.sources[1].secret.name: " + LEGACY_REF
                                + "; " + USE_PROJECTED)),
                row("refuses env valueFrom a legacy token Secret", "pods/create-legacy-env-secret-key-ref.json",
                        denied(Rule.LEGACY_TOKEN_REFERENCE, "spec.containers[0].env[1].valueFrom.secretKeyRef.name: " + LEGACY_REF
                                + "; " + USE_PROJECTED)),
                row("refuses envFrom a legacy token Secret in an init container",
                        "pods/create-legacy-env-from-init-container.json",
                        denied(Rule.LEGACY_TOKEN_REFERENCE, "spec.initContainers[0].envFrom[0].secretRef.name: " + LEGACY_REF
                                + "; " + USE_PROJECTED)),
                row("refuses env valueFrom a legacy token Secret in an init container",
                        "pods/create-legacy-env-secret-key-ref-init-container.json",
                        denied(Rule.LEGACY_TOKEN_REFERENCE, "spec.initContainers[0].env[0].valueFrom.secretKeyRef.name: "
                                + LEGACY_REF + "; " + USE_PROJECTED)),
                row("lists every violation of a pod, then each remedy once", "pods/create-several-violations.json",
                        denied(Rule.TOKEN_EXPIRATION_TOO_LONG, "spec.volumes[0].projected.sources[0].serviceAccountToken"
                                + ".expirationSeconds: 172800 exceeds the maximum of 86400 seconds; "
                                + "spec.volumes[1].secret.secretName: " + LEGACY_REF + "; "
                                + "spec.containers[0].env[0].valueFrom.secretKeyRef.name: " + LEGACY_REF + "; "
                                + LOWER_EXPIRATION + "; " + USE_PROJECTED)),
                row("admits a debug container on a pod that predates the policy",
                        "pods/update-ephemeral-debug-container.json", allowed()),
                row("refuses an ephemeral container that reads a legacy token Secret",
                        "pods/update-ephemeral-container-with-legacy-env.json",
                        denied(Rule.LEGACY_TOKEN_REFERENCE, "spec.ephemeralContainers[0].env[0].valueFrom.secretKeyRef.name: "
                                + LEGACY_REF + "; " + USE_PROJECTED)),
                row("refuses an ephemeral container that takes its environment from a legacy token Secret",
                        "pods/update-ephemeral-container-with-legacy-env-from.json",
                        denied(Rule.LEGACY_TOKEN_REFERENCE, "spec.ephemeralContainers[0].envFrom[0].secretRef.name: "
                                + LEGACY_REF + "; " + USE_PROJECTED)),
                row("admits relabelling a pod (its volumes and env are immutable)", "pods/update-labels.json", allowed()),
                row("admits CONNECT (kubectl exec)", "pods/connect-exec.json", allowed()),
                // Workloads
                row("admits a Deployment", "workloads/deployment-create-allowed.json", allowed()),
                row("refuses a Deployment whose template asks for a 2-day token",
                        "workloads/deployment-create-token-172800.json", templateTokenDenied("spec.template.spec.")),
                row("refuses a Deployment whose template reads a legacy token Secret",
                        "workloads/deployment-create-legacy-env.json",
                        denied(Rule.LEGACY_TOKEN_REFERENCE, "spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef.name: "
                                + LEGACY_REF + "; " + USE_PROJECTED)),
                row("admits a Deployment update that keeps an existing legacy reference, with a warning",
                        "workloads/deployment-update-keeps-legacy-env.json",
                        warned("...spec.containers[0].env[1].valueFrom.secretKeyRef.name: " + LEGACY_REF)),
                row("refuses a Deployment update that adds a legacy reference",
                        "workloads/deployment-update-adds-legacy-env.json",
                        denied(Rule.LEGACY_TOKEN_REFERENCE, "spec.template.spec.containers[0].env[2].valueFrom.secretKeyRef.name: "
                                + LEGACY_REF + "; " + USE_PROJECTED)),
                row("admits deleting a Deployment", "workloads/deployment-delete.json", allowed()),
                row("admits a StatefulSet", "workloads/statefulset-create-allowed.json", allowed()),
                row("refuses a StatefulSet with a 2-day token", "workloads/statefulset-create-token-172800.json",
                        templateTokenDenied("spec.template.spec.")),
                row("admits a DaemonSet", "workloads/daemonset-create-allowed.json", allowed()),
                row("refuses a DaemonSet with a 2-day token", "workloads/daemonset-create-token-172800.json",
                        templateTokenDenied("spec.template.spec.")),
                row("admits a ReplicaSet", "workloads/replicaset-create-allowed.json", allowed()),
                row("refuses a ReplicaSet with a 2-day token", "workloads/replicaset-create-token-172800.json",
                        templateTokenDenied("spec.template.spec.")),
                row("admits a ReplicationController", "workloads/replicationcontroller-create-allowed.json", allowed()),
                row("refuses a ReplicationController with a 2-day token",
                        "workloads/replicationcontroller-create-token-172800.json", templateTokenDenied("spec.template.spec.")),
                row("admits a Job", "workloads/job-create-allowed.json", allowed()),
                row("refuses a Job with a 2-day token", "workloads/job-create-token-172800.json",
                        templateTokenDenied("spec.template.spec.")),
                row("admits a CronJob", "workloads/cronjob-create-allowed.json", allowed()),
                row("refuses a CronJob whose job template asks for a 2-day token", "workloads/cronjob-create-token-172800.json",
                        templateTokenDenied("spec.jobTemplate.spec.template.spec.")),
                row("refuses a CronJob whose job template reads a legacy token Secret",
                        "workloads/cronjob-create-legacy-env.json",
                        denied(Rule.LEGACY_TOKEN_REFERENCE, "spec.jobTemplate.spec.template.spec.containers[0].env[1].valueFrom"
                                + ".secretKeyRef.name: " + LEGACY_REF + "; " + USE_PROJECTED)),
                row("admits a PodTemplate", "workloads/podtemplate-create-allowed.json", allowed()),
                row("refuses a PodTemplate with a 2-day token", "workloads/podtemplate-create-token-172800.json",
                        templateTokenDenied("template.spec.")),
                row("refuses a PodTemplate that reads a legacy token Secret", "workloads/podtemplate-create-legacy-env.json",
                        denied(Rule.LEGACY_TOKEN_REFERENCE, "template.spec.containers[0].env[1].valueFrom.secretKeyRef.name: "
                                + LEGACY_REF + "; " + USE_PROJECTED)),
                // Other kinds
                row("admits kinds it does not govern, whatever they hold", "other/configmap-create.json", allowed()),
                row("admits a valid RenewRevocation", "renewrevocations/create-valid.json", allowed()),
                row("refuses a RenewRevocation the validator rejects", "renewrevocations/create-invalid-ip.json",
                        denied(Rule.INVALID_RENEW_REVOCATION, "spec.revocations[1].ip: \"300.1.2.3\" is not an IP address")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersOnTheWireAsSpecified(String description, String file, Expect expect) throws Exception {
        InMemoryLegacyTokenSecrets legacy = new InMemoryLegacyTokenSecrets();
        legacy.add("team-a", "build-robot-token");
        AdmissionHandler handler = new AdmissionHandler(new AdmissionCodec(),
                TokenPolicy.of(WebhookSettings.defaults(), legacy, new FakeRenewRevocationValidator()));
        byte[] body = AdmissionFixtures.review(file);

        AdmissionHandler.Outcome outcome = handler.handle(body);

        JsonNode response = JSON.readTree(outcome.responseBody());
        assertEquals("admission.k8s.io/v1", response.path("apiVersion").asString());
        assertEquals("AdmissionReview", response.path("kind").asString());
        JsonNode answer = response.path("response");
        assertEquals(JSON.readTree(body).path("request").path("uid").asString(), answer.path("uid").asString(), "uid echoed");
        assertFalse(answer.has("patch") || answer.has("patchType"), "a validating webhook never patches");
        assertFalse(response.has("request"), "the request is not echoed back");
        answer.path("warnings").forEach(w -> assertTrue(w.asString().length() < 120, "warning under 120 chars: " + w));

        if (expect instanceof Allowed) {
            assertTrue(answer.path("allowed").asBoolean());
            assertFalse(answer.has("status"));
            assertFalse(answer.has("warnings"), () -> "no warnings, got " + answer.path("warnings"));
            assertInstanceOf(Verdict.Allowed.class, outcome.verdict());
        } else if (expect instanceof Warned warned) {
            assertTrue(answer.path("allowed").asBoolean());
            assertFalse(answer.has("status"));
            assertEquals(warned.warnings(), strings(answer.path("warnings")));
            assertInstanceOf(Verdict.Warned.class, outcome.verdict());
        } else if (expect instanceof Denied denied) {
            assertFalse(answer.path("allowed").asBoolean(true));
            assertEquals(403, answer.path("status").path("code").asInt());
            assertEquals(denied.message(), answer.path("status").path("message").asString());
            assertEquals(denied.rule(), assertInstanceOf(Verdict.Denied.class, outcome.verdict()).rule());
            assertNull(answer.get("warnings"));
        }
    }

    private static Arguments row(String description, String file, Expect expect) {
        return Arguments.of(description, file, expect);
    }

    private static Expect allowed() {
        return new Allowed();
    }

    private static Expect warned(String... warnings) {
        return new Warned(List.of(warnings));
    }

    private static Expect denied(Rule rule, String message) {
        return new Denied(rule, message);
    }

    private static Expect templateTokenDenied(String specPath) {
        return denied(Rule.TOKEN_EXPIRATION_TOO_LONG,
                specPath + TEMPLATE_TOKEN + ": 172800 exceeds the maximum of 86400 seconds; " + LOWER_EXPIRATION);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
