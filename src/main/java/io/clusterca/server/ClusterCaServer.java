package io.clusterca.server;

import io.clusterca.ca.ClusterAuthority;
import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.issuance.IssuanceSettings;
import io.vertx.core.Future;
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
    private HttpServer server;

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
                    return vertx.createHttpServer(s.httpOptions(cert)).requestHandler(router)
                            .listen(settings.port(), settings.bind());
                })
                .map(http -> {
                    s.server = http;
                    s.scheduleRenewal();
                    return s;
                });
    }

    public int actualPort() {
        return server.actualPort();
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
        return server == null ? Future.succeededFuture() : server.close();
    }

    /** Issues a fresh serving certificate now and swaps it into the running server. */
    public Future<ServingCertificate> renewServingCertificate() {
        return vertx.executeBlocking(this::issueServingCertificate, false)
                .compose(cert -> server.updateSSLOptions(sslOptions(cert), true).map(updated -> {
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
