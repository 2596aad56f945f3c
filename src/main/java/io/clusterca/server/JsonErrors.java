package io.clusterca.server;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every error a client sees: {@code {"error": "...", "reason": "..."}} with 400/401/403/404/413,
 * and never a stack trace; unexpected failures are logged here and answered with a bare 500.
 */
public final class JsonErrors {
    private static final Logger LOG = Logger.getLogger(JsonErrors.class.getName());

    private JsonErrors() {}

    public static void send(RoutingContext ctx, int status, String error, String reason) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", error).put("reason", reason).encode());
    }

    public static void badRequest(RoutingContext ctx, String reason) {
        send(ctx, 400, "malformed", reason);
    }

    public static void unauthorized(RoutingContext ctx, String reason) {
        send(ctx, 401, "unauthorized", reason);
    }

    public static void forbidden(RoutingContext ctx, String reason) {
        send(ctx, 403, "refused", reason);
    }

    /** The router's failure handler: maps framework statuses to JSON, hides exceptions from the client. */
    public static void onFailure(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (status == 413) {
            send(ctx, 413, "too_large", "request body exceeds the limit of " + ServerSettings.MAX_BODY_BYTES + " bytes");
        } else if (status == 404) {
            send(ctx, 404, "not_found", "no such resource: " + ctx.request().path());
        } else if (status == 405) {
            send(ctx, 405, "method_not_allowed", ctx.request().method() + " is not allowed on " + ctx.request().path());
        } else if (status >= 400 && status < 500) {
            send(ctx, status, "bad_request", "the request could not be processed");
        } else {
            if (ctx.failure() != null) {
                LOG.log(Level.SEVERE, "unexpected failure on " + ctx.request().method() + " " + ctx.request().path(), ctx.failure());
            }
            send(ctx, 500, "internal", "internal error; see the server log");
        }
    }
}
