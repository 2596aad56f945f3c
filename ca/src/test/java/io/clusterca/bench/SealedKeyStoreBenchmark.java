package io.clusterca.bench;

import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.events.EventSink;
import io.clusterca.ca.keystore.Argon2Params;
import io.clusterca.ca.keystore.KekSource;
import io.clusterca.ca.keystore.SealedKeyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sealed key store costs: put (seal + atomic write with two fsyncs + file lock), get (two file reads,
 * two AES-GCM decryptions, PKCS#8 parse), opening a passphrase store (one Argon2id derivation with the
 * recommended cost) and the bare Argon2id derivation.
 * Run: {@code mvn -o -Pbench test-compile exec:exec -Dbench.args=SealedKeyStoreBenchmark}
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class SealedKeyStoreBenchmark {
    private static final char[] PASSPHRASE = "benchmark passphrase".toCharArray();

    private Path randomDir;
    private Path passphraseDir;
    private SealedKeyStore store;
    private PrivateKey ecP384;
    private PrivateKey rsa4096;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        randomDir = Files.createTempDirectory("keystore-bench");
        passphraseDir = Files.createTempDirectory("keystore-bench-pass");
        store = SealedKeyStore.open(randomDir, KekSource.random(), EventSink.NONE, Clock.systemUTC());
        ecP384 = KeyAlgorithm.ECDSA_P384.generate().getPrivate();
        rsa4096 = KeyAlgorithm.RSA_4096.generate().getPrivate();
        store.put("ca/ec", ecP384);
        store.put("ca/rsa", rsa4096);
        SealedKeyStore.open(passphraseDir, KekSource.passphrase(PASSPHRASE), EventSink.NONE, Clock.systemUTC());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        for (Path dir : new Path[] {randomDir, passphraseDir}) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void putEcdsaP384() {
        store.put("bench/put", ecP384);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public PrivateKey getEcdsaP384() {
        return store.get("ca/ec").orElseThrow();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public PrivateKey getRsa4096() {
        return store.get("ca/rsa").orElseThrow();
    }

    /** Startup cost of a passphrase store: a fresh source has no cached KEK, so this derives once. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public SealedKeyStore openPassphraseStore() {
        return SealedKeyStore.open(passphraseDir, KekSource.passphrase(PASSPHRASE), EventSink.NONE, Clock.systemUTC());
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public byte[] argon2idRecommended() {
        Argon2Params p = Argon2Params.RECOMMENDED;
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(new byte[16])
                .withMemoryAsKB(p.memoryKiB())
                .withIterations(p.iterations())
                .withParallelism(p.parallelism())
                .build());
        byte[] out = new byte[32];
        generator.generateBytes(PASSPHRASE, out);
        return out;
    }
}
