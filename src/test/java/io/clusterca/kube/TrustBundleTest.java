package io.clusterca.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrustBundleTest {
    private final TrustBundle bundle = new TrustBundle("K\n", "E\n", "F\n");

    @Test
    void publishesTheClusterCaAsCaCrtLikeKubeRootCaAndEachRootUnderItsName() {
        assertEquals(Map.of("ca.crt", "K\n", "kubernetes-ca.crt", "K\n", "etcd-ca.crt", "E\n",
                "front-proxy-ca.crt", "F\n", "bundle.pem", "K\nE\nF\n"), bundle.data());
    }

    @Test
    void createsTheConfigMapWhereThereIsNone() {
        ConfigMap created = bundle.repair("team-a", Optional.empty()).orElseThrow();

        assertEquals("clusterca-ca-bundle", created.getMetadata().getName());
        assertEquals("team-a", created.getMetadata().getNamespace());
        assertEquals("clusterca", created.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
        assertEquals(bundle.data(), created.getData());
    }

    @Test
    void leavesACorrectConfigMapAlone() {
        ConfigMap current = bundle.repair("team-a", Optional.empty()).orElseThrow();

        assertEquals(Optional.empty(), bundle.repair("team-a", Optional.of(current)));
    }

    @Test
    void restoresEditedRemovedAndAddedKeysKeepingOthersLabelsAndTheResourceVersion() {
        ConfigMap edited = new ConfigMapBuilder(bundle.repair("team-a", Optional.empty()).orElseThrow())
                .editMetadata().withResourceVersion("42").addToLabels("team", "a").endMetadata()
                .addToData("ca.crt", "tampered").removeFromData("etcd-ca.crt").addToData("extra", "x")
                .addToBinaryData("blob", "AAAA")
                .build();

        ConfigMap repaired = bundle.repair("team-a", Optional.of(edited)).orElseThrow();

        assertEquals(bundle.data(), repaired.getData());
        assertTrue(repaired.getBinaryData() == null || repaired.getBinaryData().isEmpty());
        assertEquals("42", repaired.getMetadata().getResourceVersion(), "an update of the version read");
        assertEquals("a", repaired.getMetadata().getLabels().get("team"));
        assertEquals("tampered", edited.getData().get("ca.crt"), "the object given is not modified");
    }
}
