package io.clusterca.bench;

import io.clusterca.webhook.AdmissionCodec;
import io.clusterca.webhook.AdmissionCodecException;
import io.clusterca.webhook.AdmissionFixtures;
import io.clusterca.webhook.AdmissionHandler;
import io.clusterca.webhook.InMemoryLegacyTokenSecrets;
import io.clusterca.webhook.TokenPolicy;
import io.clusterca.webhook.WebhookSettings;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode + evaluate + encode of realistic AdmissionReviews: what {@code POST /validate} costs below HTTP.
 * Two threads, as on the 2-core target. Run:
 * {@code mvn -B -o -Pbench test-compile exec:exec -Dbench.args=AdmissionReviewBenchmark} (one regexp; for JMH
 * options run {@code org.openjdk.jmh.Main} on the test classpath directly).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(2)
public class AdmissionReviewBenchmark {
    private AdmissionCodec codec;
    private AdmissionHandler handler;
    private byte[] deployment;
    private byte[] deniedDeployment;
    private byte[] secretWithLegacyToken;
    private byte[] pod;

    @Setup
    public void setUp() {
        InMemoryLegacyTokenSecrets legacy = new InMemoryLegacyTokenSecrets();
        // A cluster with some legacy tokens left: the lookup works against a populated cache.
        for (int i = 0; i < 5_000; i++) {
            legacy.add("ns-" + (i % 200), "legacy-token-" + i);
        }
        legacy.add("team-a", "build-robot-token");
        codec = new AdmissionCodec();
        handler = new AdmissionHandler(codec, TokenPolicy.of(WebhookSettings.defaults(), legacy, spec -> List.of()));
        deployment = AdmissionFixtures.review("workloads/deployment-create-allowed.json");
        deniedDeployment = AdmissionFixtures.review("workloads/deployment-create-legacy-env.json");
        secretWithLegacyToken = AdmissionFixtures.review("secrets/create-kubeconfig-with-legacy-jwt.json");
        pod = AdmissionFixtures.review("pods/create-with-injected-kube-api-access.json");
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public byte[] deploymentAllowed() throws AdmissionCodecException {
        return handler.handle(deployment).responseBody();
    }

    /** Only the decode of the Deployment review: the bulk of {@link #deploymentAllowed}, isolated. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public AdmissionReview deploymentDecode() throws AdmissionCodecException {
        return codec.decode(deployment);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public byte[] deploymentDenied() throws AdmissionCodecException {
        return handler.handle(deniedDeployment).responseBody();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public byte[] podAllowed() throws AdmissionCodecException {
        return handler.handle(pod).responseBody();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public byte[] secretWithLegacyTokenDenied() throws AdmissionCodecException {
        return handler.handle(secretWithLegacyToken).responseBody();
    }

    /** The latency distribution (p50/p99/p99.9) of the Deployment review under two busy threads. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] deploymentAllowedLatency() throws AdmissionCodecException {
        return handler.handle(deployment).responseBody();
    }
}
