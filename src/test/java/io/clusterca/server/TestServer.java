package io.clusterca.server;

import io.clusterca.ca.AuthorityOutputs;
import io.clusterca.ca.ClusterAuthority;
import io.clusterca.ca.ledger.FileLedger;
import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.events.EventSink;
import io.clusterca.ca.issuance.IssuanceGate;
import io.clusterca.ca.issuance.IssuanceSettings;
import io.clusterca.ca.issuance.PresentedCertificateCheck;
import io.clusterca.ca.keystore.InMemoryKeyVault;
import io.clusterca.ca.policy.SignerProfile;
import io.clusterca.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A real HTTPS server on a free port over a temp data dir, and clients that trust its CA. */
public final class TestServer implements AutoCloseable {
    public final Vertx vertx;
    public final ClusterAuthority authority;
    public final ClusterCaServer server;
    public final Metrics metrics = new Metrics();
    public final HealthChecks readiness = new HealthChecks();
    private final List<WebClient> clients = new ArrayList<>();

    public TestServer(Path dataDir, Function<String, Optional<SignerProfile>> profiles, List<IssuanceGate> gates,
                      Function<TestServer, List<Routes>> extraRoutes) {
        this(dataDir, profiles, gates, PresentedCertificateCheck.NONE, extraRoutes);
    }

    public TestServer(Path dataDir, Function<String, Optional<SignerProfile>> profiles, List<IssuanceGate> gates,
                      PresentedCertificateCheck presentedCheck, Function<TestServer, List<Routes>> extraRoutes) {
        this(dataDir, KeyAlgorithm.ECDSA_P256, profiles, gates, presentedCheck, extraRoutes);
    }

    public TestServer(Path dataDir, KeyAlgorithm caAlgorithm, Function<String, Optional<SignerProfile>> profiles,
                      List<IssuanceGate> gates, PresentedCertificateCheck presentedCheck,
                      Function<TestServer, List<Routes>> extraRoutes) {
        this(Vertx.vertx(), dataDir, caAlgorithm, profiles, gates, presentedCheck, extraRoutes,
                (vx, ledger) -> AuthorityOutputs.local(ledger, EventSink.NONE, () -> { }));
    }

    /** With the outputs chosen per test (e.g. Kafka's outbox sink and replicated ledger). */
    public TestServer(Vertx vertx, Path dataDir, KeyAlgorithm caAlgorithm, Function<String, Optional<SignerProfile>> profiles,
                      List<IssuanceGate> gates, PresentedCertificateCheck presentedCheck,
                      Function<TestServer, List<Routes>> extraRoutes,
                      java.util.function.BiFunction<Vertx, FileLedger, AuthorityOutputs> outputs) {
        this.vertx = vertx;
        this.authority = ClusterAuthority.open(dataDir, new InMemoryKeyVault(), caAlgorithm, profiles, gates,
                outputs.apply(vertx, FileLedger.open(dataDir)), Clock.systemUTC(), IssuanceSettings.defaults());
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, List.of("clusterca.clusterca.svc"), Optional.empty(),
                Duration.ofSeconds(1));
        List<Routes> routes = new ArrayList<>(List.of(
                new HealthRoutes(readiness, metrics),
                new CaRoutes(authority.cas()),
                new SigningRoutes(vertx, authority.issuer(), new RequesterResolver(authority.tokens(), authority.clock()),
                        presentedCheck, metrics)));
        routes.addAll(extraRoutes.apply(this)); // before start: they use vertx, authority and metrics, not the server
        this.server = Await.result(ClusterCaServer.start(vertx, authority, settings, IssuanceSettings.defaults(), routes));
    }

    public int port() {
        return server.actualPort();
    }

    public String clusterCaPem() {
        return Pem.encode(authority.cas().get(CaName.KUBERNETES_CA).certificate());
    }

    /** A client that verifies the server against the cluster CA and host name localhost. */
    public WebClient client() {
        return track(WebClient.create(vertx, baseOptions()));
    }

    /** A client presenting {@code cert} (with {@code keys}) for mutual TLS. */
    public WebClient mtlsClient(X509Certificate cert, KeyPair keys) {
        return track(WebClient.create(vertx, baseOptions().setKeyCertOptions(new PemKeyCertOptions()
                .addCertValue(Buffer.buffer(Pem.encode(cert)))
                .addKeyValue(Buffer.buffer(Pem.encodePrivateKey(keys.getPrivate()))))));
    }

    private WebClientOptions baseOptions() {
        return new WebClientOptions().setSsl(true).setVerifyHost(true).setDefaultHost("localhost")
                .setDefaultPort(port()).setKeepAlive(false)
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(clusterCaPem())));
    }

    private WebClient track(WebClient c) {
        clients.add(c);
        return c;
    }

    @Override
    public void close() {
        clients.forEach(WebClient::close);
        Await.result(server.close());
        authority.close();
        Await.result(vertx.close());
    }
}
