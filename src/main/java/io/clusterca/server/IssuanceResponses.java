package io.clusterca.server;

import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.issuance.Issuance;
import io.vertx.core.AsyncResult;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** How an issuance outcome is answered: 200 with the chain, 403 with the rule, 400 for a bad CSR. */
final class IssuanceResponses {
    private IssuanceResponses() {}

    static void respond(RoutingContext ctx, AsyncResult<Issuance> ar, Metrics metrics, String signerLabel) {
        if (ar.failed()) {
            if (ar.cause() instanceof Pem.MalformedPemException bad) {
                JsonErrors.badRequest(ctx, "request: " + bad.getMessage());
            } else {
                ctx.fail(ar.cause());
            }
            return;
        }
        Issuance outcome = ar.result();
        if (outcome instanceof Issuance.Issued issued) {
            metrics.inc("clusterca_certificates_issued_total", "Certificates issued", "signer", issued.entry().signerName());
            ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                    .put("certificate", Pem.encodeAll(issued.chain()))
                    .put("serial", issued.entry().serial())
                    .put("notAfter", issued.entry().notAfter().toString())
                    .encode());
        } else if (outcome instanceof Issuance.Refused refused) {
            metrics.inc("clusterca_certificates_refused_total", "Certificate requests refused", "signer", signerLabel);
            JsonErrors.forbidden(ctx, refused.reason());
        }
    }
}
