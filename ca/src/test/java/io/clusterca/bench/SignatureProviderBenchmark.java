package io.clusterca.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.clusterca.ca.crypto.Crypto;
import io.clusterca.ca.crypto.KeyAlgorithm;
import java.security.KeyPair;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import org.conscrypt.Conscrypt;
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
 * Raw signing and verification per JCA provider, to choose the provider per operation by
 * measurement: {@code mvn -Pbench test-compile exec:exec -Dbench.args="SignatureProviderBenchmark -t 1"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class SignatureProviderBenchmark {
    @Param({"ECDSA_P256", "ECDSA_P384", "RSA_4096"})
    public String algorithm;

    @Param({"BC", "JDK", "Conscrypt", "ACCP"})
    public String provider;

    private Signature signer;
    private Signature verifier;
    private byte[] data = new byte[512];
    private byte[] signature;

    @Setup
    public void setUp() throws Exception {
        KeyAlgorithm alg = KeyAlgorithm.valueOf(algorithm);
        KeyPair keys = alg.generate();
        Provider p = switch (provider) {
            case "BC" -> Crypto.BC;
            case "Conscrypt" -> Conscrypt.newProvider();
            case "ACCP" -> AmazonCorrettoCryptoProvider.INSTANCE;
            default -> Security.getProvider(alg.isRsa() ? "SunRsaSign" : "SunEC");
        };
        signer = Signature.getInstance(alg.signatureAlgorithm(), p);
        verifier = Signature.getInstance(alg.signatureAlgorithm(), p);
        signer.initSign(keys.getPrivate());
        verifier.initVerify(keys.getPublic());
        signer.update(data);
        signature = signer.sign();
    }

    @Benchmark
    public byte[] sign() throws Exception {
        signer.update(data);
        return signer.sign();
    }

    @Benchmark
    public boolean verify() throws Exception {
        verifier.update(data);
        return verifier.verify(signature);
    }
}
