package io.clusterca.server;

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.revocation.CrlPublisher;
import io.clusterca.ca.revocation.OcspResponder;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Revocation published per CA: {@code GET /v1/crl/{ca}} (DER CRL) and the RFC 6960 responder at
 * {@code POST /v1/ocsp/{ca}} and {@code GET /v1/ocsp/{ca}/{base64 request}}. Building and signing
 * run on a worker; the CRL is cached between rule or ledger changes.
 */
public final class RevocationRoutes implements Routes {
    private static final String CRL_TYPE = "application/pkix-crl";
    private static final String OCSP_RESPONSE_TYPE = "application/ocsp-response";

    private final Vertx vertx;
    private final Map<CaName, CrlPublisher> crls;
    private final Map<CaName, OcspResponder> responders;

    public RevocationRoutes(Vertx vertx, Map<CaName, CrlPublisher> crls, Map<CaName, OcspResponder> responders) {
        this.vertx = vertx;
        this.crls = Map.copyOf(crls);
        this.responders = Map.copyOf(responders);
    }

    @Override
    public void mount(Router router) {
        router.get("/v1/crl/:ca").handler(ctx -> ca(ctx).ifPresent(ca ->
                answer(ctx, CRL_TYPE, () -> crls.get(ca).current().der())));
        router.post("/v1/ocsp/:ca").handler(ctx -> ca(ctx).ifPresent(ca -> {
            byte[] request = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
            answer(ctx, OCSP_RESPONSE_TYPE, () -> responders.get(ca).respond(request));
        }));
        router.get("/v1/ocsp/:ca/*").handler(ctx -> ca(ctx).ifPresent(ca -> {
            byte[] request;
            try {
                request = Base64.getDecoder().decode(java.net.URLDecoder.decode(ctx.pathParam("*"), java.nio.charset.StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                request = new byte[0]; // the responder answers malformedRequest
            }
            byte[] req = request;
            answer(ctx, OCSP_RESPONSE_TYPE, () -> responders.get(ca).respond(req));
        }));
    }

    private static Optional<CaName> ca(RoutingContext ctx) {
        Optional<CaName> ca = CaName.fromId(ctx.pathParam("ca"));
        if (ca.isEmpty()) {
            JsonErrors.send(ctx, 404, "not_found", "unknown CA " + ctx.pathParam("ca") + "; expected kubernetes-ca, etcd-ca or front-proxy-ca");
        }
        return ca;
    }

    private void answer(RoutingContext ctx, String contentType, Callable<byte[]> body) {
        vertx.executeBlocking(body, false).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
            } else {
                ctx.response().putHeader("Content-Type", contentType).end(Buffer.buffer(ar.result()));
            }
        });
    }
}
