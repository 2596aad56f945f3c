package io.clusterca.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesModeSettingsTest {
    @TempDir
    Path serviceAccount;

    @Test
    void namesTheReplicaAfterItsPodPreferringTheDownwardApi() {
        assertEquals("clusterca-7d9f-abcde", KubernetesModeSettings.podIdentity(
                Map.of("POD_NAME", "clusterca-7d9f-abcde", "HOSTNAME", "other")));
        assertEquals("clusterca-7d9f-xyz", KubernetesModeSettings.podIdentity(Map.of("HOSTNAME", "clusterca-7d9f-xyz")));
    }

    @Test
    void readsItsNamespaceFromTheServiceAccountMount() throws IOException {
        assertEquals(Optional.empty(), KubernetesModeSettings.podNamespace(serviceAccount));
        Files.writeString(serviceAccount.resolve("namespace"), "clusterca-system\n");

        assertEquals(Optional.of("clusterca-system"), KubernetesModeSettings.podNamespace(serviceAccount));
    }

    @Test
    void defaultsToTheDocumentedNames() {
        KubernetesModeSettings settings = KubernetesModeSettings.defaults("clusterca", "pod-1");

        assertEquals("clusterca-leader", settings.leaseName());
        assertEquals("clusterca", settings.webhookConfigurationName());
        assertEquals("clusterca.io/ca-bundle", settings.bundleNamespaceLabel());
        assertEquals(LeaseTimings.DEFAULT, settings.leaseTimings());
    }

    @Test
    void refusesLeaseTimingsThatWouldLetTwoLeadersOverlap() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LeaseTimings(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(2)));

        assertEquals("renew deadline PT10S must be shorter than the lease duration PT10S", e.getMessage());
    }
}
