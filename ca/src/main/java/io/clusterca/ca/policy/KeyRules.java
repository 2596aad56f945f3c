package io.clusterca.ca.policy;

import io.clusterca.ca.crypto.SignatureVerifiers;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.BigIntegers;

/**
 * Rules on the CSR's key and signature, common to every profile. Accepted keys: ECDSA on P-256,
 * P-384 or P-521, Ed25519, RSA of 2048 to 8192 bits. Everything is decided from the
 * SubjectPublicKeyInfo's ASN.1, before any expensive or provider-dependent operation runs.
 */
public final class KeyRules {
    public static final int MIN_RSA_BITS = 2048;
    /** Verifying with huge RSA moduli is a cheap way to burn a CA's CPU; no real client needs more. */
    public static final int MAX_RSA_BITS = 8192;

    private static final String NO_PROOF_OF_POSSESSION =
            "certificate request signature does not verify: no proof of possession of the private key";
    private static final String ACCEPTED = "use ECDSA P-256/P-384/P-521, Ed25519 or RSA of at least 2048 bits";
    private static final Set<ASN1ObjectIdentifier> NIST_CURVES = Set.of(
            SECObjectIdentifiers.secp256r1, SECObjectIdentifiers.secp384r1, SECObjectIdentifiers.secp521r1);
    private static final Map<ASN1ObjectIdentifier, String> KEY_ALGORITHM_NAMES = Map.of(
            X9ObjectIdentifiers.id_dsa, "DSA",
            EdECObjectIdentifiers.id_Ed448, "Ed448",
            EdECObjectIdentifiers.id_X25519, "X25519",
            EdECObjectIdentifiers.id_X448, "X448",
            PKCSObjectIdentifiers.id_RSASSA_PSS, "RSASSA-PSS");
    /**
     * Go's CertificateRequest.CheckSignature refuses MD2/MD5 but still allows SHA-1 for CSRs
     * ({@code checkSignature(..., allowSHA1 = true)}). We refuse SHA-1 too: kubelets and every current
     * tool sign CSRs with SHA-256 or better, and a CA should not accept what it would never produce.
     */
    private static final Set<ASN1ObjectIdentifier> WEAK_SIGNATURES = Set.of(
            PKCSObjectIdentifiers.md2WithRSAEncryption, PKCSObjectIdentifiers.md5WithRSAEncryption,
            PKCSObjectIdentifiers.sha1WithRSAEncryption, X9ObjectIdentifiers.ecdsa_with_SHA1,
            X9ObjectIdentifiers.id_dsa_with_sha1);

    private KeyRules() {}

    /** The key is of an accepted algorithm and size, e.g. refuses {@code RSA key of 1024 bits is too weak: ...}. */
    public static Rule acceptedKey() {
        return (request, csr) -> keyRefusal(csr.publicKeyInfo());
    }

    /** The CSR is not signed with MD5 or SHA-1. */
    public static Rule strongSignature() {
        return (request, csr) -> {
            ASN1ObjectIdentifier alg = request.csr().getSignatureAlgorithm().getAlgorithm();
            return WEAK_SIGNATURES.contains(alg)
                    ? Optional.of("certificate request is signed with " + new DefaultAlgorithmNameFinder().getAlgorithmName(alg)
                            + ": MD5 and SHA-1 signatures are not accepted")
                    : Optional.empty();
        };
    }

    /**
     * The CSR's self-signature verifies with its own public key: the requester holds the private
     * key (as kube-apiserver's CSR validation does with {@code csr.CheckSignature()}). Verified by the
     * measured provider per algorithm ({@link SignatureVerifiers#MEASURED}).
     */
    public static Rule proofOfPossession() {
        return proofOfPossession(SignatureVerifiers.MEASURED);
    }

    /** {@link #proofOfPossession()} with the given providers. */
    public static Rule proofOfPossession(SignatureVerifiers verifiers) {
        return (request, csr) -> {
            CertificationRequest raw = request.csr().toASN1Structure();
            CertificationRequestInfo info = raw.getCertificationRequestInfo();
            try {
                return verifiers.verifies(info.getSubjectPublicKeyInfo(), raw.getSignatureAlgorithm(),
                        info.getEncoded(ASN1Encoding.DER), raw.getSignature().getOctets())
                        ? Optional.empty() : Optional.of(NO_PROOF_OF_POSSESSION);
            } catch (OperatorCreationException | IOException | RuntimeException e) {
                // A signature algorithm that does not fit the key, an undecodable point, a non-octet signature.
                return Optional.of(NO_PROOF_OF_POSSESSION);
            }
        };
    }

    static Optional<String> keyRefusal(SubjectPublicKeyInfo key) {
        AlgorithmIdentifier algorithm = key.getAlgorithm();
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return rsaRefusal(key);
        }
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return ecRefusal(algorithm);
        }
        if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
            return Optional.empty();
        }
        String name = KEY_ALGORITHM_NAMES.getOrDefault(oid, "key algorithm " + oid.getId());
        return Optional.of(name + " keys are not accepted: " + ACCEPTED);
    }

    private static Optional<String> rsaRefusal(SubjectPublicKeyInfo key) {
        BigInteger modulus;
        try {
            modulus = RSAPublicKey.getInstance(key.parsePublicKey()).getModulus();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of("RSA public key is undecodable");
        }
        int bits = modulus.bitLength();
        if (bits < MIN_RSA_BITS) {
            return Optional.of("RSA key of " + bits + " bits is too weak: at least " + MIN_RSA_BITS + " bits required");
        }
        if (bits > MAX_RSA_BITS) {
            return Optional.of("RSA key of " + bits + " bits is too large: at most " + MAX_RSA_BITS + " bits accepted");
        }
        // BC's key decoding refused these, so proof of possession did; other providers decode them. (BC's
        // Miller-Rabin test for a prime modulus is not repeated: it costs 3-140 ms per key.)
        if (!modulus.testBit(0) || BigIntegers.hasAnySmallFactors(modulus)) {
            return Optional.of("RSA key is invalid: its modulus has a small prime factor");
        }
        return Optional.empty();
    }

    private static Optional<String> ecRefusal(AlgorithmIdentifier algorithm) {
        X962Parameters params;
        try {
            params = X962Parameters.getInstance(algorithm.getParameters());
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.of("EC key without curve parameters is not accepted: use P-256, P-384 or P-521");
        }
        if (!params.isNamedCurve()) {
            // Explicit parameters invite invalid-curve tricks; Go's x509 refuses them too.
            return Optional.of("EC key with explicit curve parameters is not accepted: use P-256, P-384 or P-521");
        }
        ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(params.getParameters());
        if (NIST_CURVES.contains(curve)) {
            return Optional.empty();
        }
        String name = Optional.ofNullable(ECNamedCurveTable.getName(curve)).orElse(curve.getId());
        return Optional.of("EC key on curve " + name + " is not accepted: use P-256, P-384 or P-521");
    }
}
