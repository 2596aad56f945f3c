package io.clusterca.ca.authority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.crypto.Crypto;
import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.crypto.Pem;
import io.clusterca.testing.Openssl;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Who signs with the CA keys: ACCP (AWS-LC) where it loads, BC otherwise, and either way openssl agrees. */
class CaSignerTest {
    private static final String ACCP = "AmazonCorrettoCryptoProvider";
    private final Instant now = Instant.now();

    /** CI and developers run linux x86_64, the platform the bundled ACCP build carries AWS-LC for. */
    @Test
    void signsWithAccpOnThisPlatform() {
        assertEquals(ACCP, Crypto.signer().getName());
    }

    /** Like BC and Conscrypt, it is passed explicitly: registering it would change every other JCA lookup. */
    @Test
    void accpIsNotRegisteredGlobally() {
        assertEquals(ACCP, Crypto.signer().getName());

        assertNull(Security.getProvider(ACCP));
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"ECDSA_P384", "RSA_4096"})
    void caKeysAreHeldByTheSigningProvider(KeyAlgorithm algorithm) {
        CertificateAuthority ca = CertificateAuthority.createRoot(CaName.KUBERNETES_CA, algorithm, now);

        assertEquals(ACCP, ca.signingProvider().getName());
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"ECDSA_P384", "RSA_4096"})
    void leavesSignedByAccpVerifyWithOpenssl(KeyAlgorithm algorithm, @TempDir Path dir) {
        CertificateAuthority ca = CertificateAuthority.createRoot(CaName.KUBERNETES_CA, algorithm, now);

        X509Certificate leaf = ca.sign(leafSpec(), now, Duration.ofDays(4), Duration.ofDays(4), PublicEndpoints.NONE);

        Openssl.Result verify = Openssl.verify(dir, Pem.encode(ca.certificate()), Pem.encode(leaf));
        assertEquals(0, verify.exitCode(), verify.output());
    }

    @Test
    void bouncyCastleSignsWhereTheNativeProviderIsUnavailable() throws Exception {
        KeyPair keys = KeyAlgorithm.ECDSA_P384.generate();

        CaSigner signer = CaSigner.of(keys.getPrivate(), KeyAlgorithm.ECDSA_P384, Crypto.BC);

        assertSame(Crypto.BC, signer.provider());
        assertTrue(verifies(signer.contentSigner(), keys, "SHA384withECDSA"));
    }

    /** AWS-LC has no Brainpool curves: such a key stays with BC instead of failing. */
    @Test
    void aKeyTheNativeProviderCannotTakeIsSignedWithByBouncyCastle() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Crypto.BC);
        generator.initialize(new ECGenParameterSpec("brainpoolP256r1"), Crypto.random());
        KeyPair keys = generator.generateKeyPair();

        CaSigner signer = CaSigner.of(keys.getPrivate(), KeyAlgorithm.ECDSA_P256, Crypto.signer());

        assertSame(Crypto.BC, signer.provider());
        assertTrue(verifies(signer.contentSigner(), keys, "SHA256withECDSA"));
    }

    @Test
    void describingASignerNeverShowsItsKey() {
        KeyPair keys = KeyAlgorithm.ECDSA_P384.generate();

        String text = CaSigner.of(keys.getPrivate(), KeyAlgorithm.ECDSA_P384).toString();

        assertEquals("CaSigner[ecdsa-p384 by " + ACCP + "]", text);
    }

    private static boolean verifies(ContentSigner signer, KeyPair keys, String algorithm) throws Exception {
        byte[] data = "to be signed".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        signer.getOutputStream().write(data);
        byte[] signature = signer.getSignature();
        Signature verifier = Signature.getInstance(algorithm, Crypto.BC);
        verifier.initVerify(keys.getPublic());
        verifier.update(data);
        return verifier.verify(signature);
    }

    private static LeafSpec leafSpec() {
        KeyPair leafKeys = KeyAlgorithm.ECDSA_P256.generate();
        return new LeafSpec("kubernetes.io/kube-apiserver-client-kubelet", CaName.KUBERNETES_CA,
                new X500Name("CN=system:node:worker-1,O=system:nodes"), List.of(), List.of(), List.of(), List.of(),
                Set.of(ExtendedKeyUsage.CLIENT_AUTH), leafKeys.getPublic(), Optional.empty());
    }
}
