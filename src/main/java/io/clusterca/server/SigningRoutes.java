package io.clusterca.server;

import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.issuance.Issuance;
import io.clusterca.ca.issuance.Issuer;
import io.clusterca.ca.issuance.PresentedCertificateCheck;
import io.clusterca.ca.policy.CertificateRequest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * {@code POST /v1/sign}: {@code {"signerName", "request": PEM CSR, "expirationSeconds"?}} from a
 * requester authenticated by client certificate or bootstrap token. JSON is read on the event loop;
 * CSR parsing, policy and signing run on a worker.
 */
public final class SigningRoutes implements Routes {
    private final Vertx vertx;
    private final Issuer issuer;
    private final RequesterResolver requesters;
    private final PresentedCertificateCheck presentedCheck;
    private final Metrics metrics;

    public SigningRoutes(Vertx vertx, Issuer issuer, RequesterResolver requesters, PresentedCertificateCheck presentedCheck,
                         Metrics metrics) {
        this.vertx = vertx;
        this.issuer = issuer;
        this.requesters = requesters;
        this.presentedCheck = presentedCheck;
        this.metrics = metrics;
    }

    @Override
    public void mount(Router router) {
        router.post("/v1/sign").handler(this::sign);
    }

    private void sign(RoutingContext ctx) {
        Optional<RequesterResolver.Authenticated> who = requesters.resolve(ctx.request());
        if (who.isEmpty()) {
            JsonErrors.unauthorized(ctx, "a client certificate from this CA or a valid bootstrap token (Authorization: Bearer) is required");
            return;
        }
        SignBody body;
        try {
            body = SignBody.parse(ctx);
        } catch (IllegalArgumentException e) {
            JsonErrors.badRequest(ctx, e.getMessage());
            return;
        }
        vertx.executeBlocking(() -> {
            // A revoked client certificate is no identity at all, whatever it asks for.
            Optional<String> revoked = who.get().clientCertificate().flatMap(presentedCheck::refuse);
            if (revoked.isPresent()) {
                return new Issuance.Refused(revoked.get());
            }
            PKCS10CertificationRequest csr = Pem.csr(body.csrPem());
            return issuer.issue(new CertificateRequest(body.signerName(), csr, Optional.of(who.get().requester()),
                    body.expiration(), Optional.empty()));
        }, false).onComplete(ar -> IssuanceResponses.respond(ctx, ar, metrics, body.signerName()));
    }

    /** The request body, validated before any work is scheduled. */
    record SignBody(String signerName, String csrPem, Optional<Duration> expiration) {
        static SignBody parse(RoutingContext ctx) {
            JsonObject json = JsonBodies.object(ctx, "{\"signerName\", \"request\"}");
            return new SignBody(JsonBodies.requiredString(json, "signerName"), JsonBodies.requiredString(json, "request"),
                    JsonBodies.expirationSeconds(json));
        }
    }
}
