package io.clusterca.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.clusterca.ca.ClusterAuthority;
import io.clusterca.server.Metrics;
import io.clusterca.testing.Openssl;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class TrustBundlePublisherTest {
    @RegisterExtension
    static final MockKubernetes KUBE = new MockKubernetes();

    @TempDir
    Path dataDir;
    @TempDir
    Path work;
    private ClusterAuthority authority;
    private TrustBundle bundle;
    private TrustBundlePublisher publisher;

    @BeforeEach
    void setUp() {
        authority = KubeFixtures.authority(dataDir);
        bundle = TrustBundle.of(authority.cas());
        publisher = new TrustBundlePublisher(KUBE.newClient(), bundle, TrustBundlePublisher.DEFAULT_LABEL, new Metrics(),
                Duration.ofMinutes(10));
        publisher.start();
    }

    @AfterEach
    void tearDown() {
        publisher.stop();
        authority.close();
    }

    private void namespace(String name, Map<String, String> labels) {
        KUBE.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
                .endMetadata().build()).create();
    }

    private ConfigMap bundleIn(String namespace) {
        return KUBE.client().configMaps().inNamespace(namespace).withName(TrustBundle.CONFIG_MAP_NAME).get();
    }

    private ConfigMap awaitCorrectBundle(String namespace) {
        return Poll.value("the trust bundle in " + namespace, () -> Optional.ofNullable(bundleIn(namespace))
                .filter(cm -> Objects.equals(cm.getData(), bundle.data())));
    }

    @Test
    void publishesTheBundleInALabelledNamespaceAndItVerifiesWithOpenssl() throws Exception {
        namespace("team-a", Map.of("clusterca.io/ca-bundle", "true"));

        ConfigMap cm = awaitCorrectBundle("team-a");

        Path caFile = Files.writeString(work.resolve("ca.crt"), cm.getData().get("ca.crt"));
        Openssl.Result check = Openssl.run(work, "x509", "-in", caFile.toString(), "-noout", "-subject");
        assertEquals(0, check.exitCode(), check.output());
        assertEquals("subject=CN = kubernetes", check.output().trim());
        Path bundleFile = Files.writeString(work.resolve("bundle.pem"), cm.getData().get("bundle.pem"));
        Openssl.Result count = Openssl.run(work, "storeutl", "-certs", "-noout", bundleFile.toString());
        assertEquals(0, count.exitCode(), count.output());
        assertEquals("Total found: 3", count.output().lines().filter(l -> l.startsWith("Total")).findFirst().orElse(""));
    }

    @Test
    void restoresTheBundleAfterItIsDeleted() {
        namespace("team-a", Map.of("clusterca.io/ca-bundle", "true"));
        String firstUid = awaitCorrectBundle("team-a").getMetadata().getUid();

        KUBE.client().configMaps().inNamespace("team-a").withName(TrustBundle.CONFIG_MAP_NAME).delete();

        ConfigMap restored = Poll.value("a new bundle", () -> Optional.ofNullable(bundleIn("team-a"))
                .filter(cm -> !cm.getMetadata().getUid().equals(firstUid)));
        assertEquals(bundle.data(), restored.getData());
    }

    @Test
    void restoresTheBundleAfterAnEdit() {
        namespace("team-a", Map.of("clusterca.io/ca-bundle", "true"));
        awaitCorrectBundle("team-a");

        ConfigMap tampered = KUBE.client().configMaps().inNamespace("team-a").withName(TrustBundle.CONFIG_MAP_NAME)
                .edit(cm -> new ConfigMapBuilder(cm).addToData("ca.crt", "-----BEGIN CERTIFICATE-----\nevil\n").build());

        ConfigMap restored = Poll.value("the bundle restored", () -> Optional.ofNullable(bundleIn("team-a"))
                .filter(cm -> !cm.getMetadata().getResourceVersion().equals(tampered.getMetadata().getResourceVersion()))
                .filter(cm -> Objects.equals(cm.getData(), bundle.data())));
        assertEquals(bundle.kubernetesCa(), restored.getData().get("ca.crt"));
    }

    @Test
    void publishesNothingInANamespaceWithoutTheLabel() {
        namespace("team-b", Map.of("clusterca.io/ca-bundle", "false"));
        namespace("team-a", Map.of("clusterca.io/ca-bundle", "true"));

        awaitCorrectBundle("team-a");

        assertNull(bundleIn("team-b"));
    }

    @Test
    void removesItsBundleWhenTheLabelIsRemoved() {
        namespace("team-a", Map.of("clusterca.io/ca-bundle", "true"));
        awaitCorrectBundle("team-a");

        KUBE.client().namespaces().withName("team-a").edit(ns -> new NamespaceBuilder(ns).editMetadata()
                .removeFromLabels("clusterca.io/ca-bundle").endMetadata().build());

        Poll.until("the bundle removed", () -> bundleIn("team-a") == null);
    }
}
