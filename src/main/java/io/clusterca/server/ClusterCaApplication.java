package io.clusterca.server;

import io.clusterca.ca.ClusterAuthority;
import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.events.EventSink;
import io.clusterca.ca.issuance.Renewals;
import io.clusterca.ca.revocation.RevocationSpecParser;
import io.clusterca.kube.SharedKeyState;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import io.clusterca.kube.KubernetesMode;
import io.clusterca.kube.KubernetesModeSettings;
import io.clusterca.kube.LegacyTokenSink;
import io.clusterca.kube.RevocationSink;
import io.clusterca.server.revocation.KubernetesRevocations;
import io.clusterca.webhook.InMemoryLegacyTokenSecrets;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;
import io.clusterca.webhook.AdmissionCodec;
import io.clusterca.webhook.AdmissionHandler;
import io.clusterca.webhook.TokenPolicy;
import io.clusterca.ca.revocation.CrlPublisher;
import io.clusterca.ca.revocation.OcspResponder;
import io.clusterca.server.revocation.RevocationDirectory;
import java.util.EnumMap;
import java.util.Map;
import io.clusterca.ca.keystore.KeyStoreStatus;
import io.clusterca.ca.sakeys.KeyRingStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.clusterca.ca.issuance.PresentedCertificateCheck;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The running service: one Vert.x instance, the HTTPS server with every area's routes, readiness
 * checks, metrics and the periodic reloads. Built from an opened {@link ClusterAuthority}.
 */
public final class ClusterCaApplication implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ClusterCaApplication.class.getName());
    private static final Duration SA_TICK = Duration.ofSeconds(30);
    private static final Duration KEK_CHECK = Duration.ofDays(1);

    private final Vertx vertx;
    private final ClusterAuthority authority;
    private final ClusterCaServer server;
    private final Optional<KubernetesRuntime> kubernetes;
    private final Optional<SharedKeyState> sharedKeys;

    /** The Kubernetes client and the controllers running on it. */
    private record KubernetesRuntime(KubernetesClient client, KubernetesMode mode) {}

    private ClusterCaApplication(Vertx vertx, ClusterAuthority authority, ClusterCaServer server,
                                 Optional<KubernetesRuntime> kubernetes, Optional<SharedKeyState> sharedKeys) {
        this.vertx = vertx;
        this.authority = authority;
        this.server = server;
        this.kubernetes = kubernetes;
        this.sharedKeys = sharedKeys;
    }

    /** Starts everything; blocks the calling (non-event-loop) thread until the port is open. */
    public static ClusterCaApplication start(Vertx vertx, Components parts, ServeSettings settings) {
        ClusterAuthority authority = parts.authority();
        Clock clock = authority.clock();
        Metrics metrics = new Metrics();
        HealthChecks readiness = new HealthChecks();
        readiness.add("keystore", () -> describe(parts.keyStore().status()));
        readiness.add("ledger", () -> HealthChecks.Status.healthy(authority.ledger().size() + " certificates"));
        readiness.add("events", parts.eventsStatus());
        readiness.add("tokens", () -> HealthChecks.Status.healthy(authority.tokens().count() + " bootstrap tokens"));
        readiness.add("signing-keys", () -> {
            KeyRingStatus status = parts.saKeys().status(clock.instant());
            return status.ready() ? HealthChecks.Status.healthy(status.describe()) : HealthChecks.Status.failed(status.describe());
        });
        PresentedCertificateCheck presentedCheck = authority.presentedCertificateCheck();
        RevocationDirectory revocationFiles = RevocationDirectory.inDataDir(authority.dataDir(), authority.revocations());
        revocationFiles.reload();
        readiness.add("revocations", () -> revocationStatus(revocationFiles, authority));
        Map<CaName, CrlPublisher> crls = new EnumMap<>(CaName.class);
        Map<CaName, OcspResponder> responders = new EnumMap<>(CaName.class);
        authority.cas().all().forEach((name, ca) -> {
            crls.put(name, new CrlPublisher(ca, authority.ledger(), authority.revocations(), clock, CrlPublisher.DEFAULT_VALIDITY));
            responders.put(name, new OcspResponder(ca, authority.ledger(), authority.revocations(), clock, OcspResponder.DEFAULT_VALIDITY));
        });
        RequesterResolver requesters = new RequesterResolver(authority.tokens(), clock);
        List<Routes> routes = new ArrayList<>(List.of(
                new HealthRoutes(readiness, metrics),
                new CaRoutes(authority.cas()),
                new SigningRoutes(vertx, authority.issuer(), requesters, presentedCheck, metrics),
                new RenewRoutes(vertx, new Renewals(authority.ledger(), authority.issuer(), presentedCheck), metrics),
                new OidcRoutes(parts.saKeys(), parts.oidc()),
                new RevocationRoutes(vertx, crls, responders)));
        AdmissionHandler admission = new AdmissionHandler(new AdmissionCodec(),
                TokenPolicy.of(settings.webhook(), parts.legacyTokenSecrets(), RevocationSpecParser::validate));
        admission.warmUp(50); // the first review in a fresh JVM loads the model: pay it before the port opens
        routes.add(new ValidateRoutes(admission, EventSink.NONE, metrics, clock));
        AtomicReference<KubernetesMode> kubeMode = new AtomicReference<>();
        // Rotations change state every replica shares: in Kubernetes mode only the leader rotates, then publishes.
        BooleanSupplier mayRotate = () -> parts.kubernetes().isEmpty() || (kubeMode.get() != null && kubeMode.get().isLeader());
        if (parts.kubernetes().isEmpty()) {
            maintainKeys(parts, clock);
        }
        ClusterCaServer server = Blocking.await(ClusterCaServer.start(vertx, authority, settings.server(), parts.issuance(), routes));
        Duration reload = settings.server().reloadInterval();
        server.every(reload, "token reload", authority.tokens()::reloadIfChanged);
        server.every(reload, "ledger refresh", authority.ledger()::refresh);
        server.every(reload, "key ring reload", parts.saKeys()::reloadIfChanged);
        server.every(reload, "revocations reload", revocationFiles::reload);
        server.every(SA_TICK, "service-account key rotation", () -> {
            if (mayRotate.getAsBoolean() && !parts.saKeys().tick(clock.instant()).isEmpty()) {
                parts.sharedKeys().ifPresent(SharedKeyState::publish);
            }
        });
        server.every(KEK_CHECK, "KEK rotation", () -> {
            if (mayRotate.getAsBoolean()) {
                maintainKeys(parts, clock);
                parts.sharedKeys().ifPresent(SharedKeyState::publish);
            }
        });
        Optional<KubernetesRuntime> kube = parts.kubernetes().map(client -> startKubernetes(parts, settings, metrics, readiness, client));
        kube.ifPresent(k -> kubeMode.set(k.mode()));
        parts.sharedKeys().ifPresent(SharedKeyState::startFollowing);
        return new ClusterCaApplication(vertx, authority, server, kube, parts.sharedKeys());
    }

    /** Kubernetes mode: CSR signer/approver, bundle, caBundle under the lease; informers on every replica. */
    private static KubernetesRuntime startKubernetes(Components parts, ServeSettings settings, Metrics metrics,
                                                     HealthChecks readiness, KubernetesClient client) {
        KubernetesRevocations revocations = new KubernetesRevocations(parts.authority().revocations());
        InMemoryLegacyTokenSecrets legacy = parts.legacyTokenSecrets();
        KubernetesMode.Seams seams = new KubernetesMode.Seams(
                new RevocationSink() {
                    @Override
                    public void replaceSource(String key, Map<String, Object> spec) {
                        revocations.replaceSource(key, spec);
                    }

                    @Override
                    public void removeSource(String key) {
                        revocations.removeSource(key);
                    }
                },
                new LegacyTokenSink() {
                    @Override
                    public void put(String namespace, String name) {
                        legacy.add(namespace, name);
                    }

                    @Override
                    public void remove(String namespace, String name) {
                        legacy.remove(namespace, name);
                    }
                },
                parts.authority().renewalGate()::revokedReason);
        KubernetesModeSettings kubeSettings = KubernetesModeSettings.forThisPod();
        kubeSettings = new KubernetesModeSettings(kubeSettings.namespace(), kubeSettings.leaseName(), settings.webhookConfigurationName(),
                kubeSettings.bundleNamespaceLabel(), kubeSettings.identity(), kubeSettings.leaseTimings(), kubeSettings.resync());
        KubernetesMode mode = KubernetesMode.start(client, parts.authority(), parts.profiles(), seams, kubeSettings, metrics, List.of());
        readiness.add("kubernetes", mode.readiness());
        return new KubernetesRuntime(client, mode);
    }

    /**
     * At start and daily: rotate the KEK when it is due and re-wrap at once, so no old KEK lingers
     * (both steps are crash-safe); bring the service-account ring up to date.
     */
    private static void maintainKeys(Components parts, Clock clock) {
        Instant now = clock.instant();
        if (parts.keyStore().needsKekRotation(now)) {
            int version = parts.keyStore().rotateKek(now);
            LOG.info("KEK rotated to version " + version + "; " + parts.keyStore().rewrap());
        }
        parts.saKeys().tick(now);
    }

    private static HealthChecks.Status revocationStatus(RevocationDirectory files, ClusterAuthority authority) {
        String rules = authority.revocations().index().size() + " rules in force";
        if (files.problems().isEmpty()) {
            return HealthChecks.Status.healthy(rules);
        }
        // A broken file is ignored and the rules in force stay: report it without failing readiness.
        return HealthChecks.Status.healthy(rules + "; ignored " + files.problems().stream()
                .map(p -> p.file().getFileName() + ": " + p.reason()).collect(java.util.stream.Collectors.joining("; ")));
    }

    private static HealthChecks.Status describe(KeyStoreStatus s) {
        String text = s.keys() + " sealed keys, KEK v" + s.currentKekVersion()
                + (s.rewrapPending() ? ", re-wrap pending for KEK versions " + s.kekVersionsInUse() : "");
        return HealthChecks.Status.healthy(text);
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        try {
            kubernetes.ifPresent(k -> {
                k.mode().close();
                k.client().close();
            });
            sharedKeys.ifPresent(SharedKeyState::close);
            Blocking.await(server.close());
            Blocking.await(vertx.close());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "error while stopping: " + e.getMessage(), e);
        } finally {
            authority.close();
        }
    }
}
