package io.clusterca.server;

import io.clusterca.ca.authority.CaHierarchy;
import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.crypto.Pem;
import io.vertx.ext.web.Router;

/** {@code GET /v1/ca/{kubernetes-ca,etcd-ca,front-proxy-ca}}: a root certificate in PEM. */
public final class CaRoutes implements Routes {
    private final CaHierarchy cas;

    public CaRoutes(CaHierarchy cas) {
        this.cas = cas;
    }

    @Override
    public void mount(Router router) {
        router.get("/v1/ca/:name").handler(ctx -> {
            String name = ctx.pathParam("name");
            CaName.fromId(name).ifPresentOrElse(
                    ca -> ctx.response().putHeader("Content-Type", "application/x-pem-file")
                            .end(Pem.encode(cas.get(ca).certificate())),
                    () -> JsonErrors.send(ctx, 404, "not_found",
                            "unknown CA " + name + "; expected kubernetes-ca, etcd-ca or front-proxy-ca"));
        });
    }
}
