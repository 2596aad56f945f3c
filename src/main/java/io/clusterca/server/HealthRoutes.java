package io.clusterca.server;

import io.vertx.ext.web.Router;

/** {@code /healthz}, {@code /readyz[?verbose]} (kube-style text) and {@code /metrics} (Prometheus). */
public final class HealthRoutes implements Routes {
    private final HealthChecks readiness;
    private final Metrics metrics;

    public HealthRoutes(HealthChecks readiness, Metrics metrics) {
        this.readiness = readiness;
        this.metrics = metrics;
    }

    @Override
    public void mount(Router router) {
        router.get("/healthz").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("ok"));
        router.get("/readyz").handler(ctx -> {
            HealthChecks.Report report = readiness.run(ctx.queryParams().contains("verbose"));
            ctx.response().setStatusCode(report.ok() ? 200 : 500)
                    .putHeader("Content-Type", "text/plain; charset=utf-8").end(report.text());
        });
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.render()));
    }
}
