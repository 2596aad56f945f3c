package io.clusterca.server;

import io.vertx.ext.web.Router;

/** One area of the HTTP API (signing, CA, webhook, JWKS, ...) mounting its own routes. */
@FunctionalInterface
public interface Routes {
    void mount(Router router);
}
