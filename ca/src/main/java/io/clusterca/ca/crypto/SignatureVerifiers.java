package io.clusterca.ca.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
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
 *   <li>ECDSA with SHA-2: {@link Crypto#verifier()} (Conscrypt), called through plain JCA. P-256:
 *       18 000–19 300/s against BC's 3 500/s (11 400/s through BC's ContentVerifier, which verifies twice).</li>
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

    /** The algorithms verified through JCA directly: their JCA signature and key factory names. */
    private static final Map<ASN1ObjectIdentifier, JcaNames> ECDSA_SHA2 = Map.of(
            X9ObjectIdentifiers.ecdsa_with_SHA224, new JcaNames("SHA224withECDSA", "EC"),
            X9ObjectIdentifiers.ecdsa_with_SHA256, new JcaNames("SHA256withECDSA", "EC"),
            X9ObjectIdentifiers.ecdsa_with_SHA384, new JcaNames("SHA384withECDSA", "EC"),
            X9ObjectIdentifiers.ecdsa_with_SHA512, new JcaNames("SHA512withECDSA", "EC"));
    private static final Map<ASN1ObjectIdentifier, JcaNames> RSA_PKCS1_SHA2 = Map.of(
            PKCSObjectIdentifiers.sha224WithRSAEncryption, new JcaNames("SHA224withRSA", "RSA"),
            PKCSObjectIdentifiers.sha256WithRSAEncryption, new JcaNames("SHA256withRSA", "RSA"),
            PKCSObjectIdentifiers.sha384WithRSAEncryption, new JcaNames("SHA384withRSA", "RSA"),
            PKCSObjectIdentifiers.sha512WithRSAEncryption, new JcaNames("SHA512withRSA", "RSA"));

    private record JcaNames(String signature, String keyFactory) {}

    /** The provider that verifies signatures of {@code algorithm}. */
    public Provider providerFor(AlgorithmIdentifier algorithm) {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        if (ECDSA_SHA2.containsKey(oid)) {
            return ecdsa;
        }
        if (RSA_PKCS1_SHA2.containsKey(oid)) {
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
        Provider provider = providerFor(algorithm);
        byte[] padded = toModulusLength(key, signature);
        Optional<Signature> direct = directVerifier(provider, key, algorithm);
        if (direct.isPresent()) {
            try {
                direct.get().update(signed);
                return direct.get().verify(padded);
            } catch (SignatureException e) {
                return false; // the provider could not even decode the signature
            }
        }
        ContentVerifier verifier = verifier(provider, key, algorithm);
        try (OutputStream out = verifier.getOutputStream()) {
            out.write(signed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return verifier.verify(padded);
        } catch (RuntimeOperatorException e) {
            return false; // the provider could not even decode the signature
        }
    }

    /**
     * A plain JCA verifier for ECDSA and RSA PKCS#1 with SHA-2 at the chosen provider, initialised with
     * the key; empty when BC is the choice anyway or the provider cannot take the key. Not BC's
     * ContentVerifier: for these algorithms it builds a second, "raw" signature object and verifies
     * every signature twice (the second time only to reset that object), which doubled the cost of
     * every proof of possession.
     */
    private static Optional<Signature> directVerifier(Provider provider, SubjectPublicKeyInfo key,
                                                      AlgorithmIdentifier algorithm) {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        JcaNames names = Optional.ofNullable(ECDSA_SHA2.get(oid)).orElse(RSA_PKCS1_SHA2.get(oid));
        if (provider == Crypto.BC || names == null) {
            return Optional.empty();
        }
        try {
            PublicKey publicKey = KeyFactory.getInstance(names.keyFactory(), provider)
                    .generatePublic(new X509EncodedKeySpec(key.getEncoded(ASN1Encoding.DER)));
            Signature verifier = Signature.getInstance(names.signature(), provider);
            verifier.initVerify(publicKey);
            return Optional.of(verifier);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            // Not decodable there (secp256k1, a hybrid point encoding, a key of another type...): BC decides.
            return Optional.empty();
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
