package io.clusterca.bench;

import io.clusterca.ca.crypto.Crypto;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.spec.RSAPublicKeySpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.util.BigIntegers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding an RSA public key never seen before, per provider. BC's KeyFactory runs a Miller-Rabin
 * test on every new modulus (remembered only until the next GC), which a CA receiving fresh CSR keys
 * pays on every request. The moduli are products of two random odd numbers without small factors:
 * BC's test proves them composite in its first round, as it does real RSA moduli.
 * Run: {@code mvn -Pbench test-compile exec:exec -Dbench.args="RsaKeyDecodeBenchmark -t 1"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class RsaKeyDecodeBenchmark {
    private static final BigInteger F4 = BigInteger.valueOf(65537);

    @Param({"2048", "4096", "8192"})
    public int bits;

    @Param({"BC", "SunRsaSign"})
    public String provider;

    private KeyFactory keys;
    /** More moduli than BC decodes in a whole run, so none repeats. */
    private final BigInteger[] moduli = new BigInteger[8192];
    private int next;

    @Setup
    public void setUp() throws Exception {
        Provider p = provider.equals("BC") ? Crypto.BC : Security.getProvider(provider);
        keys = KeyFactory.getInstance("RSA", p);
        for (int i = 0; i < moduli.length; i++) {
            moduli[i] = factor(bits / 2).multiply(factor(bits / 2));
        }
    }

    /** An odd number of {@code bits} bits, the top two set (so a product of two has exactly twice as many), without small factors. */
    private static BigInteger factor(int bits) {
        BigInteger candidate;
        do {
            candidate = new BigInteger(bits, Crypto.random()).setBit(bits - 1).setBit(bits - 2).setBit(0);
        } while (BigIntegers.hasAnySmallFactors(candidate));
        return candidate;
    }

    @Benchmark
    public PublicKey decodeUnseenKey() throws Exception {
        BigInteger modulus = moduli[next];
        next = (next + 1) % moduli.length;
        return keys.generatePublic(new RSAPublicKeySpec(modulus, F4));
    }
}
