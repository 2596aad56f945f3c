package io.clusterca.bench;

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.authority.ExtendedKeyUsage;
import io.clusterca.ca.authority.LeafSpec;
import io.clusterca.ca.authority.PublicEndpoints;
import io.clusterca.ca.crypto.Crypto;
import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.crypto.SignatureVerifiers;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
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
 * Issuance without transport: parse a PEM CSR, verify its proof of possession, sign a leaf.
 * Run: {@code mvn -Pbench test-compile exec:exec -Dbench.args="IssuanceBenchmark -t 2"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class IssuanceBenchmark {
    @Param({"ECDSA_P384", "RSA_4096"})
    public String caAlgorithm;

    private CertificateAuthority ca;
    private String csrPem;
    private final Instant now = Instant.now();

    @Setup
    public void setUp() throws Exception {
        ca = CertificateAuthority.createRoot(CaName.KUBERNETES_CA, KeyAlgorithm.valueOf(caAlgorithm), now);
        KeyPair leafKeys = KeyAlgorithm.ECDSA_P256.generate();
        PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(
                new X500Name("CN=system:node:worker-1,O=system:nodes"), leafKeys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Crypto.BC).build(leafKeys.getPrivate()));
        csrPem = Pem.encode(csr);
    }

    @Benchmark
    public X509Certificate parseVerifySign() throws Exception {
        PKCS10CertificationRequest csr = Pem.csr(csrPem);
        CertificationRequest raw = csr.toASN1Structure();
        CertificationRequestInfo info = raw.getCertificationRequestInfo();
        if (!SignatureVerifiers.MEASURED.verifies(info.getSubjectPublicKeyInfo(), raw.getSignatureAlgorithm(),
                info.getEncoded(ASN1Encoding.DER), raw.getSignature().getOctets())) {
            throw new IllegalStateException("bad proof of possession");
        }
        LeafSpec spec = new LeafSpec("kubernetes.io/kube-apiserver-client-kubelet", CaName.KUBERNETES_CA, csr.getSubject(),
                List.of(), List.of(), List.of(), List.of(), Set.of(ExtendedKeyUsage.CLIENT_AUTH),
                SignatureVerifiers.MEASURED.publicKey(csr.getSubjectPublicKeyInfo()), Optional.empty());
        return ca.sign(spec, now, Duration.ofDays(4), Duration.ofDays(4), PublicEndpoints.NONE);
    }
}
