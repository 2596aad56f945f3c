package io.clusterca.server;

import io.clusterca.ca.ClusterAuthority;
import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.issuance.IssuanceSettings;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTPS transport: one Vert.x server with the routes of every area, its serving certificate
 * issued by the cluster CA and swapped in without restart before it expires, and the periodic
 * reloads that make CLI changes in the data dir visible within seconds. Blocking work (signing,
 * key generation, file reads) runs on worker threads.
 */
public final class ClusterCaServer {
    private static final Logger LOG = Logger.getLogger(ClusterCaServer.class.getName());

    private final Vertx vertx;
    private final ClusterAuthority authority;
    private final ServerSettings settings;
    private final IssuanceSettings issuance;
    private final AtomicReference<ServingCertificate> serving = new AtomicReference<>();
    private final List<Long> timers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final int SERVER_INSTANCES = Runtime.getRuntime().availableProcessors();

    private final List<HttpServer> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> deployments = new java.util.concurrent.CopyOnWriteArrayList<>();
    private int port;

    private ClusterCaServer(Vertx vertx, ClusterAuthority authority, ServerSettings settings, IssuanceSettings issuance) {
        this.vertx = vertx;
        this.authority = authority;
        this.settings = settings;
        this.issuance = issuance;
    }

    /** Issues the serving certificate, mounts {@code routes} and listens. */
    public static Future<ClusterCaServer> start(Vertx vertx, ClusterAuthority authority, ServerSettings settings,
                                                IssuanceSettings issuance, List<Routes> routes) {
        ClusterCaServer s = new ClusterCaServer(vertx, authority, settings, issuance);
        return vertx.executeBlocking(s::issueServingCertificate, false)
                .compose(cert -> {
                    s.serving.set(cert);
                    Router router = Router.router(vertx);
                    router.route().handler(BodyHandler.create(false).setBodyLimit(ServerSettings.MAX_BODY_BYTES));
                    routes.forEach(r -> r.mount(router));
                    router.route().failureHandler(JsonErrors::onFailure);
                    // Unmatched paths and methods never reach a failure handler: answer them as JSON too.
                    for (int status : new int[] {400, 404, 405, 413, 500}) {
                        router.errorHandler(status, JsonErrors::onFailure);
                    }
                    return s.listenOnEveryEventLoop(router, cert);
                })
                .map(port -> {
                    s.port = port;
                    s.scheduleRenewal();
                    return s;
                });
    }

    /**
     * One server instance per core, each on its own event loop, all asking for the same host and
     * port, which Vert.x binds once and balances connections across: a single instance would do all
     * TLS and request handling on one core.
     */
    private Future<Integer> listenOnEveryEventLoop(Router router, ServingCertificate cert) {
        HttpServerOptions options = httpOptions(cert);
        int port = settings.port() == 0 ? freePort(settings.bind()) : settings.port();
        return vertx.deployVerticle(() -> new ServerInstance(router, options, port, settings.bind(), servers),
                new DeploymentOptions().setInstances(SERVER_INSTANCES)).compose(id -> {
                    deployments.add(id);
                    Set<Integer> ports = servers.stream().map(HttpServer::actualPort).collect(java.util.stream.Collectors.toSet());
                    return ports.size() == 1 ? Future.succeededFuture(ports.iterator().next())
                            : Future.failedFuture(new IllegalStateException("server instances listen on different ports " + ports));
                });
    }

    /** Vert.x 5 shares a port between instances only when they ask for the same one; port 0 is not shared. */
    private static int freePort(String bind) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(bind))) {
            return probe.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("no free port on " + bind, e);
        }
    }

    /** A verticle owning one HttpServer on its own event loop. */
    private static final class ServerInstance extends VerticleBase {
        private final Router router;
        private final HttpServerOptions options;
        private final int port;
        private final String host;
        private final List<HttpServer> servers;

        ServerInstance(Router router, HttpServerOptions options, int port, String host, List<HttpServer> servers) {
            this.router = router;
            this.options = options;
            this.port = port;
            this.host = host;
            this.servers = servers;
        }

        @Override
        public Future<?> start() {
            return vertx.createHttpServer(new HttpServerOptions(options)).requestHandler(router).listen(port, host)
                    .onSuccess(servers::add);
        }
    }

    public int actualPort() {
        return port;
    }

    public ServingCertificate servingCertificate() {
        return serving.get();
    }

    /** Runs {@code task} on a worker every {@code interval}; failures are logged, never fatal. */
    public void every(Duration interval, String name, Runnable task) {
        timers.add(vertx.setPeriodic(interval.toMillis(), id -> vertx.executeBlocking(() -> {
            task.run();
            return null;
        }, false).onFailure(e -> LOG.log(Level.WARNING, name + " failed: " + e.getMessage(), e))));
    }

    public Future<Void> close() {
        timers.forEach(vertx::cancelTimer);
        return Future.all(deployments.stream().map(vertx::undeploy).toList()).mapEmpty();
    }

    /** Issues a fresh serving certificate now and swaps it into the running server. */
    public Future<ServingCertificate> renewServingCertificate() {
        return vertx.executeBlocking(this::issueServingCertificate, false)
                .compose(cert -> Future.all(servers.stream().map(srv -> srv.updateSSLOptions(sslOptions(cert), true)).toList()).map(updated -> {
                    serving.set(cert);
                    LOG.info("serving certificate renewed, serial " + cert.certificate().getSerialNumber().toString(16));
                    return cert;
                }));
    }

    private ServingCertificate issueServingCertificate() {
        return ServingCertificate.issue(authority.cas().get(CaName.KUBERNETES_CA), settings.servingSans(),
                authority.ledger(), issuance, authority.clock().instant());
    }

    private void scheduleRenewal() {
        long delay = Math.max(1000, Duration.between(Instant.now(), serving.get().renewAt()).toMillis());
        timers.add(vertx.setTimer(delay, id -> renewServingCertificate()
                .onComplete(ar -> {
                    if (ar.failed()) {
                        LOG.log(Level.SEVERE, "serving certificate renewal failed; retrying in a minute", ar.cause());
                        timers.add(vertx.setTimer(60_000, again -> scheduleRenewal()));
                    } else {
                        scheduleRenewal();
                    }
                })));
    }

    private HttpServerOptions httpOptions(ServingCertificate cert) {
        return new HttpServerOptions()
                .setSsl(true)
                .setKeyCertOptions(cert.keyCertOptions())
                .setTrustOptions(trust())
                .setClientAuth(ClientAuth.REQUEST)
                // kube-apiserver forces http/1.1 on webhook calls; OCSP clients (openssl's too) speak HTTP/1.0.
                .setUseAlpn(true)
                .setAlpnVersions(List.of(HttpVersion.HTTP_1_1, HttpVersion.HTTP_1_0))
                .setCompressionSupported(false);
    }

    private ServerSSLOptions sslOptions(ServingCertificate cert) {
        return new ServerSSLOptions()
                .setKeyCertOptions(cert.keyCertOptions())
                .setTrustOptions(trust())
                .setClientAuth(ClientAuth.REQUEST)
                .setUseAlpn(true)
                .setApplicationLayerProtocols(List.of("http/1.1", "http/1.0"));
    }

    /** Client certificates are accepted from any of our three roots. */
    private PemTrustOptions trust() {
        PemTrustOptions trust = new PemTrustOptions();
        authority.cas().roots().forEach(root -> trust.addCertValue(Buffer.buffer(Pem.encode(root))));
        return trust;
    }
}
