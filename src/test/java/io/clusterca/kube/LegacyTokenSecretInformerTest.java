package io.clusterca.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LegacyTokenSecretInformerTest {
    @RegisterExtension
    static final MockKubernetes KUBE = new MockKubernetes();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private LegacyTokenSecretInformer informer;

    @BeforeEach
    void setUp() {
        informer = new LegacyTokenSecretInformer(KUBE.newClient(), new LegacyTokenSink() {
            @Override
            public void put(String namespace, String name) {
                tokens.add(namespace + "/" + name);
            }

            @Override
            public void remove(String namespace, String name) {
                tokens.remove(namespace + "/" + name);
            }
        }, Duration.ofMinutes(10));
        informer.start();
        Poll.until("the informer's initial list", informer::synced);
    }

    @AfterEach
    void tearDown() {
        informer.stop();
    }

    private void secret(String namespace, String name, String type) {
        KUBE.client().secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata()
                .withType(type).withData(Map.of("token", "ZXlKaGJHY2lPaUpTVXpJMU5pSjk=")).build()).create();
    }

    @Test
    void reportsServiceAccountTokenSecretsAndNotOthers() {
        secret("team-a", "opaque", "Opaque");
        secret("team-a", "builder-token", LegacyTokenSecretInformer.TOKEN_TYPE);

        Poll.until("the token secret", () -> tokens.contains("team-a/builder-token"));

        assertEquals(Set.of("team-a/builder-token"), tokens);
    }

    @Test
    void forgetsATokenSecretWhenItIsDeleted() {
        secret("team-a", "builder-token", LegacyTokenSecretInformer.TOKEN_TYPE);
        Poll.until("the token secret", () -> tokens.contains("team-a/builder-token"));

        KUBE.client().secrets().inNamespace("team-a").withName("builder-token").delete();

        Poll.until("the token secret forgotten", tokens::isEmpty);
    }

    @Test
    void asksTheApiServerForTokenSecretsOnly() {
        List<String> queries = KUBE.api().calls().stream().filter(c -> c.method().equals("GET") && c.path().equals("/api/v1/secrets"))
                .map(MockApiServer.Call::query).toList();

        assertTrue(!queries.isEmpty() && queries.stream().allMatch(q -> q.contains("fieldSelector=type="
                + LegacyTokenSecretInformer.TOKEN_TYPE)), queries.toString());
    }

    @Test
    void keepsNoSecretDataInItsCache() {
        Secret full = new SecretBuilder().withNewMetadata().withNamespace("team-a").withName("t").withResourceVersion("3")
                .endMetadata().withType(LegacyTokenSecretInformer.TOKEN_TYPE).withData(Map.of("token", "c2VjcmV0")).build();

        Secret cached = LegacyTokenSecretInformer.NamesOnlyStore.namesOnly(full);

        assertTrue(cached.getData() == null || cached.getData().isEmpty(), "no token data");
        assertTrue(cached.getStringData() == null || cached.getStringData().isEmpty());
        assertEquals("team-a", cached.getMetadata().getNamespace());
        assertEquals("t", cached.getMetadata().getName());
        assertEquals("3", cached.getMetadata().getResourceVersion());
    }
}
