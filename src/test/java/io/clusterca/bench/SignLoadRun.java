package io.clusterca.bench;

import io.clusterca.ca.AuthorityOutputs;
import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.events.EventSink;
import io.clusterca.ca.ledger.FileLedger;
import io.clusterca.kafka.InProcessKafka;
import io.clusterca.kafka.KafkaIntegration;
import io.clusterca.kafka.KafkaSettings;
import io.vertx.core.Vertx;
import io.clusterca.ca.issuance.PresentedCertificateCheck;
import io.clusterca.ca.policy.ServingPolicy;
import io.clusterca.ca.policy.SignerNames;
import io.clusterca.ca.policy.SignerProfiles;
import io.clusterca.server.TestServer;
import io.clusterca.testing.TestCsrs;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Load run of {@code POST /v1/sign} over HTTPS on loopback, server and load generator on the same
 * machine: {@code mvn -q -o test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.clusterca.bench.SignLoadRun -Dexec.args="ECDSA_P384 32 20 [kafka]"}: with {@code kafka}, events
 * and the ledger go through the outbox to an in-process broker. Prints JSON.
 */
public final class SignLoadRun {
    private SignLoadRun() {}

    public static void main(String[] args) throws Exception {
        KeyAlgorithm caAlgorithm = KeyAlgorithm.valueOf(args.length > 0 ? args[0] : "ECDSA_P384");
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path dir = Files.createTempDirectory("sign-load");
        SignerProfiles profiles = SignerProfiles.standard(ServingPolicy.unrestricted());
        boolean kafka = args.length > 3 && args[3].equals("kafka");
        InProcessKafka broker = new InProcessKafka();
        if (kafka) {
            broker.beforeAll(null);
        }
        java.util.function.BiFunction<Vertx, FileLedger, AuthorityOutputs> outputs = (vx, ledger) -> {
            if (!kafka) {
                return AuthorityOutputs.local(ledger, EventSink.NONE, () -> { });
            }
            KafkaIntegration k = KafkaIntegration.start(vx, KafkaSettings.of(broker.bootstrapServers()), dir, ledger);
            return new AuthorityOutputs(k.events(), k.ledger(), ledger, () -> k.close().toCompletionStage().toCompletableFuture().get());
        };
        try (TestServer ts = new TestServer(Vertx.vertx(new io.vertx.core.VertxOptions().setWorkerPoolSize(Integer.getInteger("workers", 20))), dir, caAlgorithm, profiles::forName, List.of(), PresentedCertificateCheck.NONE,
                s -> List.of(), outputs)) {
            String token = ts.authority.tokens().create(Duration.ofHours(1), Instant.now());
            List<Buffer> bodies = IntStream.range(0, 256).mapToObj(i -> Buffer.buffer(new JsonObject()
                    .put("signerName", SignerNames.KUBELET_CLIENT)
                    .put("request", TestCsrs.of("CN=system:node:worker-" + i + ",O=system:nodes").pem()).encode())).toList();
            AtomicInteger next = new AtomicInteger();
            java.util.function.Supplier<HttpLoad.Request> request = () -> new HttpLoad.Request(HttpMethod.POST, "/v1/sign",
                    "application/json", "Bearer " + token, bodies.get(Math.floorMod(next.getAndIncrement(), bodies.size())));
            // Long enough for C2 to finish with BouncyCastle's field arithmetic: a short warm-up measures the JIT, not the server.
            HttpLoad.run(ts.vertx, "warmup", ts.port(), ts.clusterCaPem(), concurrency, 1_000_000, Long.getLong("warmupSeconds", 30) * 1000, request);
            ThreadCpu cpu = new ThreadCpu();
            HttpLoad.Result sign = HttpLoad.run(ts.vertx, "POST /v1/sign " + caAlgorithm, ts.port(), ts.clusterCaPem(),
                    concurrency, 1_000_000, seconds * 1000L, request);
            JsonObject signCores = cpu.coresByGroup();
            HttpLoad.Result health = HttpLoad.run(ts.vertx, "GET /healthz", ts.port(), ts.clusterCaPem(), concurrency,
                    1_000_000, seconds * 1000L, () -> new HttpLoad.Request(HttpMethod.GET, "/healthz", null, null, null));
            System.out.println(new JsonArray().add(sign.toJson().put("kafka", kafka).put("coresByThreadGroup", signCores)).add(health.toJson()).encodePrettily());
        } finally {
            if (kafka) {
                broker.afterAll(null);
            }
        }
    }
}
