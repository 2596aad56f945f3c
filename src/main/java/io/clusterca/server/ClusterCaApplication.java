package io.clusterca.server;

import io.clusterca.ca.ClusterAuthority;
import io.clusterca.ca.issuance.IssuanceSettings;
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

    private final Vertx vertx;
    private final ClusterAuthority authority;
    private final ClusterCaServer server;

    private ClusterCaApplication(Vertx vertx, ClusterAuthority authority, ClusterCaServer server) {
        this.vertx = vertx;
        this.authority = authority;
        this.server = server;
    }

    /** Starts everything; blocks the calling (non-event-loop) thread until the port is open. */
    public static ClusterCaApplication start(ClusterAuthority authority, ServeSettings settings, IssuanceSettings issuance) {
        Vertx vertx = Vertx.vertx();
        Metrics metrics = new Metrics();
        HealthChecks readiness = new HealthChecks();
        readiness.add("ledger", () -> HealthChecks.Status.healthy(authority.ledger().size() + " certificates"));
        readiness.add("tokens", () -> HealthChecks.Status.healthy(authority.tokens().count() + " bootstrap tokens"));
        PresentedCertificateCheck presentedCheck = PresentedCertificateCheck.NONE;
        List<Routes> routes = new ArrayList<>(List.of(
                new HealthRoutes(readiness, metrics),
                new CaRoutes(authority.cas()),
                new SigningRoutes(vertx, authority.issuer(), new RequesterResolver(authority.tokens(), authority.clock()),
                        presentedCheck, metrics)));
        ClusterCaServer server = Blocking.await(ClusterCaServer.start(vertx, authority, settings.server(), issuance, routes));
        server.every(settings.server().reloadInterval(), "token reload", authority.tokens()::reloadIfChanged);
        server.every(settings.server().reloadInterval(), "ledger refresh", authority.ledger()::refresh);
        return new ClusterCaApplication(vertx, authority, server);
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        try {
            Blocking.await(server.close());
            Blocking.await(vertx.close());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "error while stopping: " + e.getMessage(), e);
        } finally {
            authority.close();
        }
    }
}
