package io.clusterca.bench;

import io.clusterca.ca.events.EventSink;
import io.clusterca.ca.issuance.PresentedCertificateCheck;
import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.revocation.RevocationSpecParser;
import io.clusterca.server.TestServer;
import io.clusterca.server.ValidateRoutes;
import io.clusterca.webhook.AdmissionCodec;
import io.clusterca.webhook.AdmissionHandler;
import io.clusterca.webhook.InMemoryLegacyTokenSecrets;
import io.clusterca.webhook.TokenPolicy;
import io.clusterca.webhook.WebhookSettings;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Load run of {@code POST /validate} with a realistic Deployment review over HTTPS on loopback,
 * next to {@code GET /healthz} in the same run: {@code mvn -q -o exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.clusterca.bench.WebhookLoadRun -Dexec.args="32 20"}. Prints JSON.
 */
public final class WebhookLoadRun {
    private WebhookLoadRun() {}

    public static void main(String[] args) throws Exception {
        int concurrency = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        // Compact, as kube-apiserver sends it; the fixture is pretty-printed for people.
        Buffer review = new JsonObject(Files.readString(Path.of("webhook/src/test/resources/admission/workloads/deployment-create-allowed.json"))).toBuffer();
        AdmissionHandler handler = new AdmissionHandler(new AdmissionCodec(),
                TokenPolicy.of(WebhookSettings.defaults(), new InMemoryLegacyTokenSecrets(), RevocationSpecParser::validate));
        handler.warmUp(200);
        try (TestServer ts = new TestServer(Files.createTempDirectory("webhook-load"), KeyAlgorithm.ECDSA_P256, name -> Optional.empty(),
                List.of(), PresentedCertificateCheck.NONE,
                s -> List.of(new ValidateRoutes(handler, EventSink.NONE, s.metrics, Clock.systemUTC())))) {
            HttpLoad.Request validate = new HttpLoad.Request(HttpMethod.POST, "/validate?timeout=5s", "application/json", null, review);
            HttpLoad.Request health = new HttpLoad.Request(HttpMethod.GET, "/healthz", null, null, null);
            // Time-bound, so C2 has compiled the review path (and the load generator) before anything is counted.
            HttpLoad.run(ts.vertx, "warmup", ts.port(), ts.clusterCaPem(), concurrency, 10_000_000,
                    Long.getLong("warmupSeconds", 20) * 1000, () -> validate);
            ThreadCpu cpu = new ThreadCpu();
            HttpLoad.Result reviews = HttpLoad.run(ts.vertx, "POST /validate (Deployment)", ts.port(), ts.clusterCaPem(),
                    concurrency, 10_000_000, seconds * 1000L, () -> validate);
            JsonObject reviewCores = cpu.coresByGroup();
            HttpLoad.Result healthz = HttpLoad.run(ts.vertx, "GET /healthz", ts.port(), ts.clusterCaPem(), concurrency,
                    10_000_000, seconds * 1000L, () -> health);
            HttpLoad.Result atRate = HttpLoad.runAtRate(ts.vertx, "POST /validate (Deployment) at 1000/s", ts.port(),
                    ts.clusterCaPem(), concurrency, 1000, seconds * 1000L, () -> validate);
            System.out.println(new JsonArray().add(reviews.toJson().put("coresByThreadGroup", reviewCores)).add(healthz.toJson()).add(atRate.toJson()).encodePrettily());
        }
    }
}
