package io.clusterca.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the fabric8 client of Kubernetes mode on the Vert.x 5 HTTP client, sharing the application's
 * {@link Vertx} (one event-loop group for the HTTPS server and the API connections).
 */
public final class KubernetesConnection {
    /** Where the service account of a pod finds its credentials. */
    public static final Path SERVICE_ACCOUNT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    private KubernetesConnection() {}

    /** How to reach the API server: {@code --kubeconfig FILE} or {@code --in-cluster}. */
    public sealed interface Source {
        record Kubeconfig(Path file) implements Source {}

        /** The pod's service account, found from {@code KUBERNETES_SERVICE_HOST} and the mounted token. */
        record InCluster(Map<String, String> environment, Path serviceAccountDir) implements Source {
            public InCluster {
                environment = Map.copyOf(environment);
            }

            public static InCluster ofThisPod() {
                return new InCluster(System.getenv(), SERVICE_ACCOUNT_DIR);
            }
        }
    }

    /** @throws IllegalArgumentException with a one-line reason when the source cannot be used */
    public static KubernetesClient connect(Vertx vertx, Source source) {
        return new KubernetesClientBuilder()
                .withHttpClientFactory(new Vertx5HttpClientFactory(vertx))
                .withConfig(config(source))
                .build();
    }

    static Config config(Source source) {
        if (source instanceof Source.Kubeconfig kubeconfig) {
            return fromKubeconfig(kubeconfig.file());
        }
        return inCluster((Source.InCluster) source);
    }

    private static Config fromKubeconfig(Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("--kubeconfig " + file + ": file not found or not readable");
        }
        try {
            return Config.fromKubeconfig(file.toFile());
        } catch (KubernetesClientException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--kubeconfig " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * fabric8's auto-configuration reads the service-account token from its file and re-reads it when
     * the kubelet rotates it (bound tokens live about an hour), which a token copied into the Config would not.
     */
    private static Config inCluster(Source.InCluster source) {
        if (!source.environment().containsKey("KUBERNETES_SERVICE_HOST")) {
            throw new IllegalArgumentException("--in-cluster: KUBERNETES_SERVICE_HOST is not set: not running in a pod");
        }
        Path token = source.serviceAccountDir().resolve("token");
        if (!Files.isReadable(token)) {
            throw new IllegalArgumentException("--in-cluster: no service-account token at " + token
                    + " (automountServiceAccountToken disabled?)");
        }
        return Config.autoConfigure(null);
    }
}
