package io.clusterca.server;

import io.clusterca.ca.sakeys.JwksDocument;
import io.clusterca.ca.sakeys.KeyRing;
import io.clusterca.ca.sakeys.KeyRingState;
import io.clusterca.ca.sakeys.OidcDiscovery;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * {@code GET /.well-known/openid-configuration} and {@code GET /openid/v1/jwks}, the documents
 * kube-apiserver serves, with its Cache-Control. Rendered from the in-memory ring snapshot (no I/O
 * on the event loop); 503 until the first signing key exists.
 */
public final class OidcRoutes implements Routes {
    private final KeyRing ring;
    private final OidcDiscovery discovery;

    public OidcRoutes(KeyRing ring, OidcDiscovery discovery) {
        this.ring = ring;
        this.discovery = discovery;
    }

    @Override
    public void mount(Router router) {
        router.get(OidcDiscovery.PATH).handler(ctx -> serve(ctx, OidcDiscovery.CONTENT_TYPE, discovery::toJson));
        router.get(JwksDocument.PATH).handler(ctx -> serve(ctx, JwksDocument.CONTENT_TYPE, JwksDocument::of));
    }

    private void serve(RoutingContext ctx, String contentType, Function<KeyRingState, String> render) {
        KeyRingState state = ring.current();
        if (state.active().isEmpty()) {
            JsonErrors.send(ctx, 503, "unavailable", "no service-account signing key exists yet");
            return;
        }
        ctx.response().putHeader("Content-Type", contentType)
                .putHeader("Cache-Control", JwksDocument.cacheControl(ring.policy()))
                .end(render.apply(state));
    }
}
