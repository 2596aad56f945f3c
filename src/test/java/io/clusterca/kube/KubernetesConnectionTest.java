package io.clusterca.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClient;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesConnectionTest {
    @TempDir
    Path dir;

    @Test
    void connectsWithAKubeconfigOverTheVertx5HttpClientOfTheGivenVertx() throws IOException {
        Vertx vertx = Vertx.vertx();
        try (MockApiServer api = new MockApiServer()) {
            api.client(vertx).namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-a")
                    .endMetadata().build()).create();
            Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: mock
                      cluster:
                        server: %s
                    users:
                    - name: clusterca
                      user:
                        token: not-a-real-token
                    contexts:
                    - name: mock
                      context:
                        cluster: mock
                        user: clusterca
                    current-context: mock
                    """.formatted(api.url()));

            try (KubernetesClient client = KubernetesConnection.connect(vertx, new KubernetesConnection.Source.Kubeconfig(kubeconfig))) {
                assertInstanceOf(Vertx5HttpClient.class, client.getHttpClient());
                assertEquals("team-a", client.namespaces().withName("team-a").get().getMetadata().getName());
            }
        } finally {
            vertx.close();
        }
    }

    @Test
    void refusesAKubeconfigThatDoesNotExist() {
        Path missing = dir.resolve("missing");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KubernetesConnection.config(new KubernetesConnection.Source.Kubeconfig(missing)));

        assertEquals("--kubeconfig " + missing + ": file not found or not readable", e.getMessage());
    }

    @Test
    void refusesInClusterOutsideAPod() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KubernetesConnection.config(new KubernetesConnection.Source.InCluster(Map.of(), dir)));

        assertEquals("--in-cluster: KUBERNETES_SERVICE_HOST is not set: not running in a pod", e.getMessage());
    }

    @Test
    void refusesInClusterWithoutAMountedServiceAccountToken() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KubernetesConnection.config(
                new KubernetesConnection.Source.InCluster(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1"), dir)));

        assertEquals("--in-cluster: no service-account token at " + dir.resolve("token")
                + " (automountServiceAccountToken disabled?)", e.getMessage());
    }
}
