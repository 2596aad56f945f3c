package io.clusterca.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.GroupVersionKindBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequestBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The install manifests keep the invariants the API server and the product rely on. Checked on the files that
 * {@code kustomization.yaml} lists, and on {@code kubectl kustomize manifests/} output when kubectl is installed.
 */
class ManifestsTest {
    private static final Path MANIFESTS = Path.of("manifests");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    @Test
    void kustomizationListsEveryManifestInTheFolder() throws IOException {
        Set<String> listed = new TreeSet<>();
        YAML.readTree(MANIFESTS.resolve("kustomization.yaml").toFile()).path("resources").forEach(r -> listed.add(r.asString()));
        Set<String> present = new TreeSet<>();
        try (var files = Files.list(MANIFESTS)) {
            files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                    .forEach(present::add);
        }

        assertEquals(present, listed);
    }

    @Test
    void sourceManifestsKeepTheInvariants() throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        for (JsonNode resource : YAML.readTree(MANIFESTS.resolve("kustomization.yaml").toFile()).path("resources")) {
            documents.addAll(documents(Files.readString(MANIFESTS.resolve(resource.asString()))));
        }
        assertInvariants(documents);
    }

    @Test
    void renderedManifestsKeepTheInvariants() throws Exception {
        assumeTrue(kubectlInstalled(), "kubectl is not installed");
        Process kustomize = new ProcessBuilder("kubectl", "kustomize", MANIFESTS.toString()).redirectErrorStream(true).start();
        String rendered = new String(kustomize.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(kustomize.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, kustomize.exitValue(), rendered);

        List<JsonNode> documents = documents(rendered);

        assertInvariants(documents);
        documents.forEach(d -> assertEquals("clusterca", d.path("metadata").path("labels").path("app.kubernetes.io/part-of").asString(),
                () -> "part-of label on " + d.path("kind").asString()));
    }

    private static void assertInvariants(List<JsonNode> documents) {
        assertEquals(Set.of("Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding",
                        "Deployment", "PodDisruptionBudget", "Service", "ValidatingWebhookConfiguration"),
                new TreeSet<>(documents.stream().map(d -> d.path("kind").asString()).toList()));
        assertWebhookContract(one(documents, "ValidatingWebhookConfiguration"));
        assertLeastPrivilege(one(documents, "ClusterRole"), one(documents, "Role"));
        assertHardenedDeployment(one(documents, "Deployment"));
        JsonNode service = one(documents, "Service");
        assertEquals(443, service.at("/spec/ports/0/port").asInt());
        assertEquals("https", service.at("/spec/ports/0/targetPort").asString());
    }

    private static void assertWebhookContract(JsonNode configuration) {
        assertEquals("clusterca", configuration.at("/metadata/name").asString());
        Map<String, String> failurePolicies = new TreeMap<>();
        for (JsonNode webhook : configuration.path("webhooks")) {
            String name = webhook.path("name").asString();
            failurePolicies.put(name, webhook.path("failurePolicy").asString());
            assertEquals(List.of("v1"), strings(webhook.path("admissionReviewVersions")), name);
            assertEquals("None", webhook.path("sideEffects").asString(), name + ": dry runs reach only side-effect-free webhooks");
            assertEquals(5, webhook.path("timeoutSeconds").asInt(), name);
            assertEquals("Equivalent", webhook.path("matchPolicy").asString(), name);
            assertEquals("clusterca", webhook.at("/clientConfig/service/namespace").asString(), name);
            assertEquals("clusterca", webhook.at("/clientConfig/service/name").asString(), name);
            assertEquals("/validate", webhook.at("/clientConfig/service/path").asString(), name);
            assertEquals(443, webhook.at("/clientConfig/service/port").asInt(), name);
            assertFalse(webhook.path("clientConfig").has("caBundle"), name + ": caBundle is injected by the server");
            assertTrue(hasExpression(webhook, "kubernetes.io/metadata.name", "NotIn", "clusterca"),
                    name + ": must not intercept its own namespace");
            assertTrue(hasExpression(webhook, Mode.NAMESPACE_LABEL, "NotIn", "off"), name + ": honours the off label");
        }
        assertEquals(Map.of("secrets.clusterca.io", "Fail", "renewrevocations.clusterca.io", "Fail",
                "pods.clusterca.io", "Ignore", "workloads.clusterca.io", "Ignore"), failurePolicies);
        assertEquals(Set.of("secrets"), resources(configuration, "secrets.clusterca.io"));
        assertEquals(Set.of("renewrevocations"), resources(configuration, "renewrevocations.clusterca.io"));
        assertEquals(Set.of("pods", "pods/ephemeralcontainers"), resources(configuration, "pods.clusterca.io"));
        assertEquals(Set.of("deployments", "statefulsets", "daemonsets", "replicasets", "jobs", "cronjobs",
                "replicationcontrollers", "podtemplates"), resources(configuration, "workloads.clusterca.io"));
    }

    private static void assertLeastPrivilege(JsonNode clusterRole, JsonNode role) {
        for (JsonNode rule : concat(clusterRole.path("rules"), role.path("rules"))) {
            assertFalse(strings(rule.path("verbs")).contains("*"), "no wildcard verbs: " + rule);
            assertFalse(strings(rule.path("resources")).contains("*"), "no wildcard resources: " + rule);
            assertFalse(strings(rule.path("apiGroups")).contains("*"), "no wildcard groups: " + rule);
        }
        JsonNode signers = rule(clusterRole, r -> strings(r.path("resources")).contains("signers"));
        assertEquals(Set.of("approve", "sign"), Set.copyOf(strings(signers.path("verbs"))));
        assertEquals(Set.of("kubernetes.io/kube-apiserver-client-kubelet", "kubernetes.io/kubelet-serving",
                "kubernetes.io/kube-apiserver-client", "clusterca.io/*"), Set.copyOf(strings(signers.path("resourceNames"))));
        JsonNode webhookConfigurations = rule(clusterRole,
                r -> strings(r.path("resources")).contains("validatingwebhookconfigurations"));
        assertEquals(List.of("clusterca"), strings(webhookConfigurations.path("resourceNames")));
        JsonNode secrets = rule(clusterRole, r -> strings(r.path("resources")).contains("secrets"));
        assertEquals(Set.of("list", "watch"), Set.copyOf(strings(secrets.path("verbs"))), "Secrets: only the informer's list and watch cluster-wide");
        JsonNode keySecret = rule(role, r -> strings(r.path("resourceNames")).contains("clusterca-keys"));
        assertEquals(Set.of("get", "update", "patch"), Set.copyOf(strings(keySecret.path("verbs"))));
        assertEquals("clusterca", role.at("/metadata/namespace").asString());
    }

    private static void assertHardenedDeployment(JsonNode deploymentNode) {
        assertEquals(2, deploymentNode.at("/spec/replicas").asInt());
        JsonNode pod = deploymentNode.at("/spec/template/spec");
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
        assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asString());
        JsonNode container = pod.at("/containers/0");
        assertEquals("clusterca:latest", container.path("image").asString());
        assertEquals(List.of("serve", "--in-cluster"), strings(container.path("args")).subList(0, 2));
        assertTrue(strings(container.path("args")).contains("clusterca.clusterca.svc"), "serving cert names the service");
        assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true));
        assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean());
        assertEquals(List.of("ALL"), strings(container.at("/securityContext/capabilities/drop")));
        for (String probe : List.of("livenessProbe", "readinessProbe")) {
            assertEquals("HTTPS", container.path(probe).at("/httpGet/scheme").asString(), probe);
        }
        assertEquals("/healthz", container.at("/livenessProbe/httpGet/path").asString());
        assertEquals("/readyz", container.at("/readinessProbe/httpGet/path").asString());
        assertTrue(container.at("/resources/requests").has("memory") && container.at("/resources/limits").has("memory"));
        assertTrue(pod.path("volumes").findValues("emptyDir").size() >= 1, "an emptyDir for the data dir");

        // Dogfooding: ClusterCA's own Deployment passes its own token policy.
        Deployment deployment = JsonMapper.builder().build().treeToValue(deploymentNode, Deployment.class);
        Verdict verdict = TokenPolicy.of(WebhookSettings.defaults(), (ns, name) -> false, spec -> List.of())
                .evaluate(new AdmissionRequestBuilder().withUid("u").withOperation("CREATE").withNamespace("clusterca")
                        .withKind(new GroupVersionKindBuilder().withGroup("apps").withVersion("v1").withKind("Deployment").build())
                        .withObject(deployment).build());
        assertInstanceOf(Verdict.Allowed.class, verdict);
    }

    private static boolean hasExpression(JsonNode webhook, String key, String operator, String value) {
        for (JsonNode expression : webhook.at("/namespaceSelector/matchExpressions")) {
            if (key.equals(expression.path("key").asString()) && operator.equals(expression.path("operator").asString())
                    && strings(expression.path("values")).contains(value)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> resources(JsonNode configuration, String webhookName) {
        Set<String> resources = new TreeSet<>();
        for (JsonNode webhook : configuration.path("webhooks")) {
            if (webhookName.equals(webhook.path("name").asString())) {
                webhook.path("rules").forEach(rule -> resources.addAll(strings(rule.path("resources"))));
            }
        }
        return resources;
    }

    private static JsonNode rule(JsonNode role, Predicate<JsonNode> matching) {
        List<JsonNode> found = new ArrayList<>();
        role.path("rules").forEach(r -> {
            if (matching.test(r)) {
                found.add(r);
            }
        });
        assertEquals(1, found.size(), () -> "exactly one matching rule in " + role.at("/metadata/name"));
        return found.get(0);
    }

    private static JsonNode one(List<JsonNode> documents, String kind) {
        List<JsonNode> matching = documents.stream().filter(d -> kind.equals(d.path("kind").asString())).toList();
        assertEquals(1, matching.size(), kind);
        return matching.get(0);
    }

    private static List<JsonNode> documents(String yaml) {
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            return it.readAll().stream().filter(d -> !d.isNull() && !d.isMissingNode() && d.size() > 0).toList();
        }
    }

    private static List<JsonNode> concat(JsonNode a, JsonNode b) {
        List<JsonNode> all = new ArrayList<>();
        a.forEach(all::add);
        b.forEach(all::add);
        return all;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    private static boolean kubectlInstalled() {
        try {
            Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
