package io.clusterca.server;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;

/** Reading and validating JSON request bodies; failures are {@link IllegalArgumentException}s for a 400. */
final class JsonBodies {
    private JsonBodies() {}

    static JsonObject object(RoutingContext ctx, String expected) {
        JsonObject json;
        try {
            json = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("body is not a JSON object");
        }
        if (json == null) {
            throw new IllegalArgumentException("body is empty; expected " + expected);
        }
        return json;
    }

    static String requiredString(JsonObject json, String field) {
        Object v = json.getValue(field);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("field " + field + " is required and must be a string");
        }
        return s;
    }

    static Optional<Duration> expirationSeconds(JsonObject json) {
        Object exp = json.getValue("expirationSeconds");
        if (exp == null) {
            return Optional.empty();
        }
        if (!(exp instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() <= 0) {
            throw new IllegalArgumentException("expirationSeconds must be a positive whole number");
        }
        return Optional.of(Duration.ofSeconds(n.longValue()));
    }
}
