package io.clusterca.ca.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.RuntimeOperatorException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Which JCA provider verifies which signature algorithm on the request path, chosen by measurement
 * (PopVerifyBenchmark: the whole CSR check, a fresh key per verification as a CA sees them, 2 cores).
 * BC stands behind every choice: a key or algorithm the chosen provider cannot decode or does not
 * implement (secp256k1, Ed448, a hybrid point encoding, mixed PSS hashes) is verified by BC, so
 * nothing BC accepted is refused.
 * <ul>
 *   <li>ECDSA with SHA-2: {@link Crypto#verifier()} (Conscrypt). P-256: 11 400/s against BC's 3 500/s.</li>
 *   <li>RSA PKCS#1 v1.5 with SHA-2: the JDK's SunRsaSign, 30 000/s for RSA-2048, as fast as Conscrypt;
 *       like BC, and unlike BoringSSL, it accepts a DigestInfo without NULL hash parameters. BC is out:
 *       its KeyFactory runs a Miller-Rabin test on every modulus it has not seen (RsaKeyDecodeBenchmark:
 *       2.7 ms at 2048 bits, 18 ms at 4096, 137 ms at 8192; SunRsaSign under 2 µs).</li>
 *   <li>RSASSA-PSS: Conscrypt (SunRsaSign is not reachable through BC's operator names).</li>
 *   <li>Ed25519 and everything else: BC. Conscrypt is only ~1.4x faster on Ed25519, and its
 *       acceptance of edge-case encodings differs from BC's.</li>
 * </ul>
 */
public record SignatureVerifiers(Provider ecdsa, Provider rsa, Provider rsaPss) {
    /** The measured choice for this JVM (Conscrypt-backed where its native library loads). */
    public static final SignatureVerifiers MEASURED = new SignatureVerifiers(Crypto.verifier(), jdkRsa(), Crypto.verifier());
    /** BC for everything: what a platform without Conscrypt's native library and without SunRsaSign gets. */
    public static final SignatureVerifiers BC_ONLY = new SignatureVerifiers(Crypto.BC, Crypto.BC, Crypto.BC);

    private static final Set<ASN1ObjectIdentifier> ECDSA_SHA2 = Set.of(
            X9ObjectIdentifiers.ecdsa_with_SHA224, X9ObjectIdentifiers.ecdsa_with_SHA256,
            X9ObjectIdentifiers.ecdsa_with_SHA384, X9ObjectIdentifiers.ecdsa_with_SHA512);
    private static final Set<ASN1ObjectIdentifier> RSA_PKCS1_SHA2 = Set.of(
            PKCSObjectIdentifiers.sha224WithRSAEncryption, PKCSObjectIdentifiers.sha256WithRSAEncryption,
            PKCSObjectIdentifiers.sha384WithRSAEncryption, PKCSObjectIdentifiers.sha512WithRSAEncryption);

    /** The provider that verifies signatures of {@code algorithm}. */
    public Provider providerFor(AlgorithmIdentifier algorithm) {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        if (ECDSA_SHA2.contains(oid)) {
            return ecdsa;
        }
        if (RSA_PKCS1_SHA2.contains(oid)) {
            return rsa;
        }
        return oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS) ? rsaPss : Crypto.BC;
    }

    /**
     * Whether {@code signature} by {@code key} over {@code signed} verifies; false for a wrong or
     * malformed signature.
     *
     * @throws OperatorCreationException when not even BC can use the key with the algorithm
     *     (an undecodable key, an unknown algorithm, an algorithm that does not fit the key)
     */
    public boolean verifies(SubjectPublicKeyInfo key, AlgorithmIdentifier algorithm, byte[] signed, byte[] signature)
            throws OperatorCreationException {
        ContentVerifier verifier = verifier(providerFor(algorithm), key, algorithm);
        try (OutputStream out = verifier.getOutputStream()) {
            out.write(signed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return verifier.verify(toModulusLength(key, signature));
        } catch (RuntimeOperatorException e) {
            return false; // the provider could not even decode the signature
        }
    }

    /**
     * The key as a JCA key. RSA keys are decoded by the RSA verifier's provider, so the request path
     * never pays BC's per-modulus primality test; anything else (or what that provider refuses) by BC.
     */
    public PublicKey publicKey(SubjectPublicKeyInfo key) throws PEMException {
        if (key.getAlgorithm().getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption) && rsa != Crypto.BC) {
            try {
                return new JcaPEMKeyConverter().setProvider(rsa).getPublicKey(key);
            } catch (PEMException | RuntimeException e) {
                // e.g. SunRsaSign's limit on public exponents of large moduli: BC decides, as before.
            }
        }
        return new JcaPEMKeyConverter().setProvider(Crypto.BC).getPublicKey(key);
    }

    private static ContentVerifier verifier(Provider preferred, SubjectPublicKeyInfo key, AlgorithmIdentifier algorithm)
            throws OperatorCreationException {
        if (preferred != Crypto.BC) {
            try {
                return new JcaContentVerifierProviderBuilder().setProvider(preferred).build(key).get(algorithm);
            } catch (OperatorCreationException | RuntimeException e) {
                // Not supported there (secp256k1, Ed448, a hybrid point encoding, mixed PSS hashes...): BC decides.
            }
        }
        return new JcaContentVerifierProviderBuilder().setProvider(Crypto.BC).build(key).get(algorithm);
    }

    /**
     * An RSA signature left-padded with zeros to the modulus length. Some signers drop leading zero
     * bytes; BC verifies such a signature (it is the same integer), SunRsaSign and BoringSSL refuse it.
     */
    static byte[] toModulusLength(SubjectPublicKeyInfo key, byte[] signature) {
        if (!key.getAlgorithm().getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return signature;
        }
        int length;
        try {
            length = (RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength() + 7) / 8;
        } catch (IOException | IllegalArgumentException e) {
            return signature;
        }
        if (signature.length >= length) {
            return signature;
        }
        byte[] padded = new byte[length];
        System.arraycopy(signature, 0, padded, length - signature.length, signature.length);
        return padded;
    }

    private static Provider jdkRsa() {
        return Optional.ofNullable(Security.getProvider("SunRsaSign")).orElse(Crypto.BC);
    }
}
