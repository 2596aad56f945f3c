package io.clusterca.cli;

import io.clusterca.ca.ClusterAuthority;
import io.clusterca.ca.events.EventSink;
import io.clusterca.ca.keystore.SealedKeyStore;
import io.clusterca.ca.sakeys.KeyRing;
import io.clusterca.ca.sakeys.OidcDiscovery;
import io.clusterca.kube.KubernetesConnection;
import io.clusterca.ca.AuthorityOutputs;
import io.clusterca.ca.events.Journal;
import io.clusterca.ca.ledger.FileLedger;
import io.clusterca.kafka.KafkaIntegration;
import io.clusterca.ca.crypto.Crypto;
import io.clusterca.kafka.KafkaSettings;
import io.clusterca.kafka.ReplicaId;
import io.clusterca.kube.KubernetesModeSettings;
import io.clusterca.kube.SharedKeyState;
import io.clusterca.server.ClusterCaApplication;
import io.clusterca.server.HealthChecks;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import java.util.function.Supplier;
import io.clusterca.server.Components;
import io.clusterca.server.ServeSettings;
import io.clusterca.server.ServerSettings;
import io.clusterca.webhook.InMemoryLegacyTokenSecrets;
import io.clusterca.webhook.Mode;
import io.clusterca.webhook.WebhookSettings;
import java.util.Set;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Runs the HTTPS server until SIGTERM/SIGINT. */
@Command(name = "serve", description = "Runs the CA, signer, webhook and key rotation server (HTTPS).")
public final class ServeCommand implements Runnable {
    @ParentCommand
    Main main;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    AuthorityOptions authorityOptions;

    @Mixin
    SaKeyOptions saKeys;

    @Option(names = "--issuer", defaultValue = "https://kubernetes.default.svc.cluster.local", paramLabel = "URL",
            description = "Service-account token issuer (kube-apiserver --service-account-issuer). Default: ${DEFAULT-VALUE}")
    String issuer;

    @Option(names = "--port", defaultValue = "8443", description = "HTTPS port. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0", paramLabel = "ADDR", description = "Listen address. Default: ${DEFAULT-VALUE}")
    String bind;

    @Option(names = "--san", paramLabel = "NAME|IP",
            description = "Extra subject alternative names of the serving certificate (repeatable), e.g. clusterca.clusterca.svc")
    List<String> sans = List.of();

    @ArgGroup(exclusive = true)
    KubernetesTarget kubernetes;

    static final class KubernetesTarget {
        @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Run the Kubernetes controllers against this cluster")
        Optional<Path> kubeconfig;

        @Option(names = "--in-cluster", description = "Run the Kubernetes controllers with the pod's service account")
        boolean inCluster;
    }

    @Option(names = "--max-token-expiration", defaultValue = "86400", paramLabel = "SECONDS",
            description = "Longest projected token lifetime the webhook allows. Default: ${DEFAULT-VALUE}")
    long maxTokenExpiration;

    @Option(names = "--webhook-config-name", defaultValue = "clusterca", paramLabel = "NAME",
            description = "ValidatingWebhookConfiguration whose caBundle Kubernetes mode keeps filled. Default: ${DEFAULT-VALUE}")
    String webhookConfigName;

    @Option(names = "--token-policy", defaultValue = "enforce", paramLabel = "MODE",
            description = "Default webhook mode of a namespace without the clusterca.io/token-policy label: enforce, warn or off. Default: ${DEFAULT-VALUE}")
    String tokenPolicy;

    @Option(names = "--exempt-namespace", paramLabel = "NS", description = "Namespace the webhook never checks (repeatable)")
    List<String> exemptNamespaces = List.of();

    @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT[,...]", description = "Send events to Kafka instead of the local journal")
    Optional<String> kafkaBootstrap;

    @Option(names = "--kafka-topic-prefix", defaultValue = "clusterca.", description = "Topic prefix. Default: ${DEFAULT-VALUE}")
    String kafkaTopicPrefix;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE", description = "Kafka client property (TLS/SASL), repeatable")
    java.util.Map<String, String> kafkaProperties = java.util.Map.of();

    private KafkaSettings kafkaSettings(String bootstrap, Path data) {
        try {
            return KafkaSettings.of(bootstrap).withReplicaId(ReplicaId.forDataDir(data))
                    .withTopicPrefix(kafkaTopicPrefix).withClientProperties(kafkaProperties);
        } catch (IllegalArgumentException e) {
            throw CliException.badInput("--kafka: " + e.getMessage());
        }
    }

    /** The readiness line of the event stream: the Kafka backlog and topic state, or the journal's counts. */
    private static Supplier<HealthChecks.Status> eventsStatus(Optional<KafkaIntegration> kafka, AuthorityOutputs outputs) {
        if (kafka.isPresent()) {
            KafkaIntegration k = kafka.get();
            return () -> HealthChecks.Status.healthy(k.status().readinessLine(k.settings().replicaId()));
        }
        Journal journal = (Journal) outputs.events();
        return () -> HealthChecks.Status.healthy("journal, " + journal.stats().written() + " written, "
                + journal.stats().dropped() + " dropped");
    }

    /** First start of the cluster's key state, in a staging dir SharedKeyState then publishes. */
    private void createKeyState(CliContext ctx, Path staging) {
        SealedKeyStore store = Vaults.open(ctx, staging, EventSink.NONE);
        try (ClusterAuthority authority = ClusterAuthority.open(staging, store, authorityOptions.caAlgorithm(),
                authorityOptions.profiles()::forName, List.of(), EventSink.NONE, ctx.clock(), authorityOptions.issuanceSettings())) {
            KeyRing.open(KeyRing.Settings.of(staging).withPolicy(saKeys.policy(maxTokenExpiration)), store, EventSink.NONE)
                    .tick(ctx.clock().instant());
        }
    }

    private Optional<KubernetesConnection.Source> kubernetesSource() {
        if (kubernetes == null) {
            return Optional.empty();
        }
        if (kubernetes.inCluster) {
            return Optional.of(KubernetesConnection.Source.InCluster.ofThisPod());
        }
        Path file = kubernetes.kubeconfig.orElseThrow();
        if (!java.nio.file.Files.isReadable(file)) {
            throw CliException.badInput("--kubeconfig " + file + " is not a readable file");
        }
        return Optional.of(new KubernetesConnection.Source.Kubeconfig(file));
    }

    @Override
    public void run() {
        if (port < 0 || port > 65535) {
            throw CliException.badInput("--port must be between 0 and 65535");
        }
        Mode mode = Mode.fromLabel(tokenPolicy).orElseThrow(() ->
                CliException.badInput("--token-policy must be enforce, warn or off, not " + tokenPolicy));
        WebhookSettings webhook;
        try {
            webhook = new WebhookSettings(mode, Set.copyOf(exemptNamespaces), maxTokenExpiration);
        } catch (IllegalArgumentException e) {
            throw CliException.badInput("--max-token-expiration: " + e.getMessage());
        }
        CliContext ctx = main.context();
        ServerSettings server = new ServerSettings(bind, port, sans, authorityOptions.publicUrl(), Duration.ofSeconds(1));
        ServeSettings settings = new ServeSettings(server, webhook, kubernetesSource(), webhookConfigName, kafkaBootstrap, kafkaTopicPrefix, kafkaProperties);
        OidcDiscovery oidc;
        try {
            oidc = OidcDiscovery.forIssuer(issuer);
        } catch (IllegalArgumentException e) {
            throw CliException.badInput("--issuer: " + e.getMessage());
        }
        Path data = dataDir.path();
        Vertx vertx = Vertx.vertx();
        Optional<KubernetesClient> kube = settings.kubernetes().map(source -> KubernetesConnection.connect(vertx, source));
        // Kubernetes mode: every replica starts from the one key state in Secret clusterca-keys.
        Optional<SharedKeyState> shared = kube.map(client -> SharedKeyState.bootstrap(client,
                KubernetesModeSettings.forThisPod().namespace(), data, ctx.env(), staging -> createKeyState(ctx, staging)));
        FileLedger ledger = FileLedger.open(data);
        Optional<KafkaIntegration> kafka = kafkaBootstrap.map(bootstrap -> KafkaIntegration.start(vertx, kafkaSettings(bootstrap, data), data, ledger));
        AuthorityOutputs outputs = kafka.map(k -> new AuthorityOutputs(k.events(), k.ledger(), ledger,
                        () -> k.close().toCompletionStage().toCompletableFuture().get()))
                .orElseGet(() -> {
                    Journal journal = Journal.open(data);
                    return AuthorityOutputs.local(ledger, journal, journal);
                });
        SealedKeyStore store = Vaults.open(ctx, data, outputs.events());
        ClusterAuthority authority = authorityOptions.open(ctx, data, store, outputs);
        KeyRing ring = saKeys.open(data, store, outputs.events(), maxTokenExpiration);
        ClusterCaApplication app = ClusterCaApplication.start(vertx,
                new Components(authority, store, ring, oidc, authorityOptions.issuanceSettings(), authorityOptions.profiles(),
                        new InMemoryLegacyTokenSecrets(), kube, shared, eventsStatus(kafka, outputs)), settings);
        ctx.out().println("clusterca serving on https://" + bind + ":" + app.port() + " (data dir " + dataDir.path() + ")");
        // BC verifies or signs where Conscrypt's or ACCP's native library cannot load (another platform, no
        // writable, executable java.io.tmpdir): say which.
        ctx.out().println("CSR signatures verified by " + Crypto.verifier().getName() + ", certificates signed by " + Crypto.signer().getName());
        ctx.out().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "clusterca-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
