package io.clusterca.server;

import io.clusterca.ca.events.Event;
import io.clusterca.ca.events.EventSink;
import io.clusterca.ca.events.EventType;
import io.clusterca.webhook.AdmissionCodecException;
import io.clusterca.webhook.AdmissionHandler;
import io.clusterca.webhook.Verdict;
import io.clusterca.webhook.Violation;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code POST /validate}: the admission webhook's thin HTTP adapter. The policy is pure CPU work well
 * under a millisecond (no I/O, no locks), so it runs on the event loop and avoids a worker hop on
 * kube-apiserver's latency budget. Denials are counted per rule and become events.
 */
public final class ValidateRoutes implements Routes {
    private final AdmissionHandler handler;
    private final EventSink events;
    private final Metrics metrics;
    private final Clock clock;

    public ValidateRoutes(AdmissionHandler handler, EventSink events, Metrics metrics, Clock clock) {
        this.handler = handler;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void mount(Router router) {
        router.post("/validate").handler(this::validate);
    }

    private void validate(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        AdmissionHandler.Outcome outcome;
        try {
            outcome = handler.handle(body == null ? new byte[0] : body.getBytes());
        } catch (AdmissionCodecException e) {
            metrics.inc("clusterca_admission_reviews_total", "Admission reviews answered", "result", "malformed");
            JsonErrors.badRequest(ctx, e.getMessage());
            return;
        }
        record(outcome);
        ctx.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(outcome.responseBody()));
    }

    private void record(AdmissionHandler.Outcome outcome) {
        Verdict verdict = outcome.verdict();
        String result = verdict instanceof Verdict.Denied ? "denied" : verdict instanceof Verdict.Warned ? "warned" : "allowed";
        metrics.inc("clusterca_admission_reviews_total", "Admission reviews answered", "result", result);
        if (!(verdict instanceof Verdict.Denied denied)) {
            return;
        }
        denied.violations().stream().map(v -> v.rule().id()).distinct().forEach(rule ->
                metrics.inc("clusterca_admission_denied_total", "Admission denials by rule", "rule", rule));
        AdmissionRequest request = outcome.request();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("kind", request.getKind() == null ? "" : request.getKind().getKind());
        facts.put("namespace", request.getNamespace() == null ? "" : request.getNamespace());
        facts.put("name", request.getName() == null ? "" : request.getName());
        facts.put("operation", request.getOperation());
        facts.put("user", request.getUserInfo() == null ? "" : request.getUserInfo().getUsername());
        facts.put("dryRun", Boolean.TRUE.equals(request.getDryRun()));
        facts.put("rules", denied.violations().stream().map(v -> v.rule().id()).distinct().toList());
        facts.put("reason", denied.violations().stream().map(Violation::finding).collect(Collectors.joining("; ")));
        events.publish(Event.of(EventType.ADMISSION_DENIED, clock.instant(), request.getUid(), facts));
    }
}
