package io.clusterca.bench;

import io.clusterca.ca.crypto.Crypto;
import io.clusterca.ca.crypto.SignatureVerifiers;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
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
 * The whole proof-of-possession check of POST /v1/sign ({@code PKCS10CertificationRequest.isSignatureValid}
 * with a verifier built from the CSR's own SubjectPublicKeyInfo) per JCA provider. Every operation
 * takes the next CSR from a pool of distinct keys, as a CA sees them: nothing a provider caches per
 * key helps. Run: {@code mvn -Pbench test-compile exec:exec -Dbench.args="PopVerifyBenchmark -t 1"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class PopVerifyBenchmark {
    /** A key type with the signature algorithm a client signs its CSR with. */
    public enum CsrKind {
        P256_SHA256("EC", "secp256r1", "SHA256withECDSA", 1024),
        P384_SHA384("EC", "secp384r1", "SHA384withECDSA", 1024),
        ED25519("Ed25519", null, "Ed25519", 1024),
        // RSA key generation takes ~0.1 s: a smaller pool. It does not defeat BC's cache of moduli that passed
        // its primality test (WeakHashMap, emptied by GC), so BC's RSA numbers here are flattered: see RsaKeyDecodeBenchmark.
        RSA2048_SHA256("RSA", "2048", "SHA256withRSA", 256),
        RSA2048_PSS_SHA256("RSA", "2048", "SHA256withRSAandMGF1", 256);

        final String keyAlgorithm;
        final String keyParameter;
        final String signatureAlgorithm;
        final int poolSize;

        CsrKind(String keyAlgorithm, String keyParameter, String signatureAlgorithm, int poolSize) {
            this.keyAlgorithm = keyAlgorithm;
            this.keyParameter = keyParameter;
            this.signatureAlgorithm = signatureAlgorithm;
            this.poolSize = poolSize;
        }

        /** The JDK's own provider for this algorithm. */
        Provider jdkProvider() {
            return Security.getProvider(keyAlgorithm.equals("RSA") ? "SunRsaSign" : "SunEC");
        }
    }

    @Param({"P256_SHA256", "RSA2048_SHA256"})
    public CsrKind kind;

    /** One provider for decoding and verifying, or "Measured": the production path, {@link SignatureVerifiers#MEASURED}. */
    @Param({"BC", "Conscrypt", "JDK", "Measured"})
    public String provider;

    private Provider verifyWith;
    private PKCS10CertificationRequest[] pool;
    private int next;

    @Setup
    public void setUp() throws Exception {
        verifyWith = switch (provider) {
            case "BC" -> Crypto.BC;
            case "Conscrypt" -> Conscrypt.newProvider();
            case "JDK" -> kind.jdkProvider();
            case "Measured" -> null;
            default -> throw new IllegalArgumentException(provider);
        };
        KeyPairGenerator generator = KeyPairGenerator.getInstance(kind.keyAlgorithm, Crypto.BC);
        if (kind.keyAlgorithm.equals("EC")) {
            generator.initialize(new ECGenParameterSpec(kind.keyParameter), Crypto.random());
        } else if (kind.keyParameter != null) {
            generator.initialize(Integer.parseInt(kind.keyParameter), Crypto.random());
        }
        pool = new PKCS10CertificationRequest[kind.poolSize];
        for (int i = 0; i < pool.length; i++) {
            KeyPair keys = generator.generateKeyPair();
            pool[i] = new PKCS10CertificationRequestBuilder(new X500Name("CN=system:node:worker-" + i + ",O=system:nodes"),
                    SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()))
                    .build(new JcaContentSignerBuilder(kind.signatureAlgorithm).setProvider(Crypto.BC).build(keys.getPrivate()));
            if (!verify(pool[i])) {
                throw new IllegalStateException(provider + " does not verify a good " + kind + " CSR");
            }
        }
    }

    @Benchmark
    public boolean proofOfPossession() throws Exception {
        PKCS10CertificationRequest csr = pool[next];
        next = (next + 1) % pool.length;
        return verify(csr);
    }

    /** The key is decoded by the measured provider too (SunEC knows no OID alias, so by name, not via the SPKI). */
    private boolean verify(PKCS10CertificationRequest csr) throws Exception {
        if (verifyWith == null) {
            CertificationRequest raw = csr.toASN1Structure();
            CertificationRequestInfo info = raw.getCertificationRequestInfo();
            return SignatureVerifiers.MEASURED.verifies(info.getSubjectPublicKeyInfo(), raw.getSignatureAlgorithm(),
                    info.getEncoded(ASN1Encoding.DER), raw.getSignature().getOctets());
        }
        PublicKey key = KeyFactory.getInstance(kind.keyAlgorithm, verifyWith)
                .generatePublic(new X509EncodedKeySpec(csr.getSubjectPublicKeyInfo().getEncoded()));
        return csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(verifyWith).build(key));
    }
}
