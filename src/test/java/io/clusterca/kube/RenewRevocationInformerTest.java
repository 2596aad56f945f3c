package io.clusterca.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RenewRevocationInformerTest {
    @RegisterExtension
    static final MockKubernetes KUBE = new MockKubernetes();
    private final RecordingSink sink = new RecordingSink();
    private RenewRevocationInformer informer;

    /** The registry as the informer sees it: the latest spec per source, and every call in order. */
    static final class RecordingSink implements RevocationSink {
        final Map<String, Map<String, Object>> sources = new ConcurrentHashMap<>();
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void replaceSource(String key, Map<String, Object> spec) {
            sources.put(key, spec);
            calls.add("replace " + key);
        }

        @Override
        public void removeSource(String key) {
            sources.remove(key);
            calls.add("remove " + key);
        }
    }

    @BeforeEach
    void setUp() {
        informer = new RenewRevocationInformer(KUBE.newClient(), RenewRevocationInformer.RESOURCE, sink, Duration.ofMinutes(10));
        informer.start();
        Poll.until("the informer's initial list", informer::synced);
    }

    @AfterEach
    void tearDown() {
        informer.stop();
    }

    private static GenericKubernetesResource revocation(String namespace, String name, Map<String, Object> spec) {
        return new GenericKubernetesResourceBuilder().withApiVersion("clusterca.io/v1").withKind("RenewRevocation")
                .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .addToAdditionalProperties("spec", spec).build();
    }

    private GenericKubernetesResource apply(GenericKubernetesResource resource) {
        return KUBE.client().genericKubernetesResources(RenewRevocationInformer.RESOURCE)
                .inNamespace(resource.getMetadata().getNamespace()).resource(resource).createOr(r -> r.update());
    }

    @Test
    void handsANewRevocationsSpecToTheSinkUnderNamespaceSlashName() {
        apply(revocation("kube-system", "worker-1", Map.of("dnsNames", List.of("worker-1"), "reason", "disk stolen")));

        Map<String, Object> spec = Poll.value("the spec in the sink",
                () -> Optional.ofNullable(sink.sources.get("kube-system/worker-1")));

        assertEquals(Map.of("dnsNames", List.of("worker-1"), "reason", "disk stolen"), spec);
    }

    @Test
    void replacesTheSpecWhenTheRevocationIsUpdated() {
        apply(revocation("kube-system", "nodes", Map.of("groups", List.of("system:nodes"))));
        Poll.until("the first spec", () -> sink.sources.containsKey("kube-system/nodes"));

        apply(revocation("kube-system", "nodes", Map.of("groups", List.of("system:nodes"),
                "notBefore", "2026-11-01T00:00:00Z")));

        Poll.until("the updated spec", () -> "2026-11-01T00:00:00Z".equals(
                sink.sources.getOrDefault("kube-system/nodes", Map.of()).get("notBefore")));
    }

    @Test
    void removesTheSourceWhenTheRevocationIsDeleted() {
        apply(revocation("team-a", "serial", Map.of("serialNumbers", List.of("1f"))));
        Poll.until("the spec", () -> sink.sources.containsKey("team-a/serial"));

        KUBE.client().genericKubernetesResources(RenewRevocationInformer.RESOURCE).inNamespace("team-a").withName("serial").delete();

        Poll.until("the removal", () -> !sink.sources.containsKey("team-a/serial"));
        assertEquals(List.of("replace team-a/serial", "remove team-a/serial"), sink.calls);
    }

    @Test
    void keepsDeliveringAfterTheSinkThrows() {
        RevocationSink failing = new RevocationSink() {
            @Override
            public void replaceSource(String key, Map<String, Object> spec) {
                if (key.endsWith("/bad")) {
                    throw new IllegalArgumentException("spec.groups must be a list");
                }
                sink.replaceSource(key, spec);
            }

            @Override
            public void removeSource(String key) {
                sink.removeSource(key);
            }
        };
        informer.stop();
        informer = new RenewRevocationInformer(KUBE.newClient(), RenewRevocationInformer.RESOURCE, failing, Duration.ofMinutes(10));
        informer.start();

        apply(revocation("team-a", "bad", Map.of("groups", "system:nodes")));
        apply(revocation("team-a", "good", Map.of("groups", List.of("system:nodes"))));

        Poll.until("the good one after the bad one", () -> sink.sources.containsKey("team-a/good"));
    }

    @Test
    void keepsRetryingAnInitialListTheApiServerRefusesAndSyncsOnceItAnswers() {
        KUBE.api().server().expect().get().withPath("/apis/clusterca.io/v1/renewrevocations?resourceVersion=0")
                .andReturn(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403}")
                .once();
        RenewRevocationInformer second = new RenewRevocationInformer(KUBE.newClient(), RenewRevocationInformer.RESOURCE,
                sink, Duration.ofMinutes(10));

        second.start();
        try {
            assertEquals(false, second.synced(), "start() returns without waiting for the list");
            Poll.until("the retried list", second::synced);
            List<Integer> lists = KUBE.api().calls().stream().filter(c -> c.path().equals("/apis/clusterca.io/v1/renewrevocations")
                    && c.query().equals("resourceVersion=0")).map(MockApiServer.Call::code).toList();
            assertEquals(List.of(200, 403, 200), lists, "the first informer's list, then the second's refused and retried");
        } finally {
            second.stop();
        }
    }
}
