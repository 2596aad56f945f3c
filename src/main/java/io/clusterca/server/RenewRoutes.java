package io.clusterca.server;

import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.issuance.Renewals;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code POST /v1/renew}: mutual TLS with the current certificate (the TLS layer verified its chain
 * to our roots and its validity); body {@code {"request": PEM CSR}} for the same identity.
 */
public final class RenewRoutes implements Routes {
    private final Vertx vertx;
    private final Renewals renewals;
    private final Metrics metrics;

    public RenewRoutes(Vertx vertx, Renewals renewals, Metrics metrics) {
        this.vertx = vertx;
        this.renewals = renewals;
        this.metrics = metrics;
    }

    @Override
    public void mount(Router router) {
        router.post("/v1/renew").handler(this::renew);
    }

    private void renew(RoutingContext ctx) {
        Optional<X509Certificate> presented = RequesterResolver.clientCertificate(ctx.request());
        if (presented.isEmpty()) {
            JsonErrors.unauthorized(ctx, "renewal needs mutual TLS with the certificate to renew");
            return;
        }
        String csrPem;
        Optional<Duration> expiration;
        try {
            JsonObject json = JsonBodies.object(ctx, "{\"request\"}");
            csrPem = JsonBodies.requiredString(json, "request");
            expiration = JsonBodies.expirationSeconds(json);
        } catch (IllegalArgumentException e) {
            JsonErrors.badRequest(ctx, e.getMessage());
            return;
        }
        vertx.executeBlocking(() -> renewals.renew(presented.get(), Pem.csr(csrPem), expiration), false)
                .onComplete(ar -> IssuanceResponses.respond(ctx, ar, metrics, "renewal"));
    }
}
