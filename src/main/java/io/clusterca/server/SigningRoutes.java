package io.clusterca.server;

import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.issuance.Issuance;
import io.clusterca.ca.issuance.Issuer;
import io.clusterca.ca.policy.CertificateRequest;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
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
    private final Metrics metrics;

    public SigningRoutes(Vertx vertx, Issuer issuer, RequesterResolver requesters, Metrics metrics) {
        this.vertx = vertx;
        this.issuer = issuer;
        this.requesters = requesters;
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
            PKCS10CertificationRequest csr = Pem.csr(body.csrPem());
            return issuer.issue(new CertificateRequest(body.signerName(), csr, Optional.of(who.get().requester()),
                    body.expiration(), Optional.empty()));
        }, false).onComplete(ar -> {
            if (ar.failed()) {
                if (ar.cause() instanceof Pem.MalformedPemException bad) {
                    JsonErrors.badRequest(ctx, "request: " + bad.getMessage());
                } else {
                    ctx.fail(ar.cause());
                }
                return;
            }
            respond(ctx, ar.result(), body.signerName());
        });
    }

    private void respond(RoutingContext ctx, Issuance outcome, String signerName) {
        if (outcome instanceof Issuance.Issued issued) {
            metrics.inc("clusterca_certificates_issued_total", "Certificates issued", "signer", signerName);
            ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                    .put("certificate", Pem.encodeAll(issued.chain()))
                    .put("serial", issued.entry().serial())
                    .put("notAfter", issued.entry().notAfter().toString())
                    .encode());
        } else if (outcome instanceof Issuance.Refused refused) {
            metrics.inc("clusterca_certificates_refused_total", "Certificate requests refused", "signer", signerName);
            JsonErrors.forbidden(ctx, refused.reason());
        }
    }

    /** The request body, validated before any work is scheduled. */
    record SignBody(String signerName, String csrPem, Optional<Duration> expiration) {
        static SignBody parse(RoutingContext ctx) {
            JsonObject json;
            try {
                json = ctx.body().asJsonObject();
            } catch (DecodeException | ClassCastException e) {
                throw new IllegalArgumentException("body is not a JSON object");
            }
            if (json == null) {
                throw new IllegalArgumentException("body is empty; expected {\"signerName\", \"request\"}");
            }
            String signer = string(json, "signerName");
            String request = string(json, "request");
            Object exp = json.getValue("expirationSeconds");
            Optional<Duration> expiration = Optional.empty();
            if (exp != null) {
                if (!(exp instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() <= 0) {
                    throw new IllegalArgumentException("expirationSeconds must be a positive whole number");
                }
                expiration = Optional.of(Duration.ofSeconds(n.longValue()));
            }
            return new SignBody(signer, request, expiration);
        }

        private static String string(JsonObject json, String field) {
            Object v = json.getValue(field);
            if (!(v instanceof String s) || s.isBlank()) {
                throw new IllegalArgumentException("field " + field + " is required and must be a string");
            }
            return s;
        }
    }
}
