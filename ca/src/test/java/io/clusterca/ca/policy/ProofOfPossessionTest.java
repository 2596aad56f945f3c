package io.clusterca.ca.policy;

import static io.clusterca.ca.policy.Csrs.csr;
import static io.clusterca.ca.policy.Requests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterca.ca.crypto.Crypto;
import io.clusterca.ca.crypto.SignatureVerifiers;
import io.clusterca.ca.policy.Csrs.KeyType;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The proof-of-possession rule gives the same verdicts, with the same reason, whichever providers
 * verify: the measured choice (Conscrypt, SunRsaSign) and BC alone, as before it.
 */
class ProofOfPossessionTest {
    /** A second key per type, for swapping into a CSR another key signed. */
    private static final Map<KeyType, KeyPair> OTHER_KEYS = new ConcurrentHashMap<>();
    private static final String NO_PROOF = "certificate request signature does not verify: no proof of possession of the private key";

    /** The measured providers, BC alone, and a provider that implements nothing (so BC always steps in). */
    enum Verifiers {
        MEASURED(SignatureVerifiers.MEASURED),
        BC_ONLY(SignatureVerifiers.BC_ONLY),
        NOTHING_SUPPORTED_FALLS_BACK_TO_BC(new SignatureVerifiers(EmptyProvider.INSTANCE, EmptyProvider.INSTANCE, EmptyProvider.INSTANCE));

        final SignatureVerifiers verifiers;

        Verifiers(SignatureVerifiers verifiers) {
            this.verifiers = verifiers;
        }
    }

    private static final class EmptyProvider extends Provider {
        static final EmptyProvider INSTANCE = new EmptyProvider();

        private EmptyProvider() {
            super("Empty", "1", "implements no algorithm");
        }
    }

    /** Every key the key rules accept, with each signature algorithm a client may sign its CSR with. */
    static Stream<Arguments> genuineCsrs() {
        Stream<Arguments> csrs = Stream.of(
                Arguments.of(KeyType.P256, "SHA256withECDSA"),
                Arguments.of(KeyType.P256, "SHA384withECDSA"),
                Arguments.of(KeyType.P384, "SHA384withECDSA"),
                Arguments.of(KeyType.P384, "SHA256withECDSA"),
                Arguments.of(KeyType.P521, "SHA512withECDSA"),
                Arguments.of(KeyType.ED25519, "Ed25519"),
                Arguments.of(KeyType.RSA_2048, "SHA256withRSA"),
                Arguments.of(KeyType.RSA_2048, "SHA384withRSA"),
                Arguments.of(KeyType.RSA_2048, "SHA512withRSA"),
                Arguments.of(KeyType.RSA_3072, "SHA256withRSA"),
                Arguments.of(KeyType.RSA_4096, "SHA512withRSA"),
                Arguments.of(KeyType.RSA_2048, "SHA256withRSAandMGF1"),
                Arguments.of(KeyType.RSA_2048, "SHA384withRSAandMGF1"),
                Arguments.of(KeyType.RSA_4096, "SHA512withRSAandMGF1"));
        return csrs.flatMap(a -> Arrays.stream(Verifiers.values()).map(v -> Arguments.of(a.get()[0], a.get()[1], v)));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("genuineCsrs")
    void acceptsAGenuineSelfSignature(KeyType key, String signatureAlgorithm, Verifiers verifiers) {
        assertEquals(Optional.empty(), refusal(verifiers, csr().cn("alice").key(key).signatureAlgorithm(signatureAlgorithm).build()));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("genuineCsrs")
    void refusesASignatureWithAFlippedByte(KeyType key, String signatureAlgorithm, Verifiers verifiers) {
        PKCS10CertificationRequest tampered = Csrs.withTamperedSignature(
                csr().cn("alice").key(key).signatureAlgorithm(signatureAlgorithm).build());

        assertEquals(Optional.of(NO_PROOF), refusal(verifiers, tampered));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("genuineCsrs")
    void refusesASignatureUnderASwappedPublicKeyOfTheSameType(KeyType key, String signatureAlgorithm, Verifiers verifiers) {
        PKCS10CertificationRequest genuine = csr().cn("alice").key(key).signatureAlgorithm(signatureAlgorithm).build();
        SubjectPublicKeyInfo someoneElses = SubjectPublicKeyInfo.getInstance(OTHER_KEYS.computeIfAbsent(key, Csrs::generate).getPublic().getEncoded());

        assertEquals(Optional.of(NO_PROOF), refusal(verifiers, withPublicKey(genuine, someoneElses)));
    }

    @ParameterizedTest
    @EnumSource(Verifiers.class)
    void refusesAnEcdsaSignatureThatIsNotDer(Verifiers verifiers) {
        PKCS10CertificationRequest genuine = csr().cn("alice").build();
        byte[] garbage = new byte[72];
        Arrays.fill(garbage, (byte) 0x30);

        assertEquals(Optional.of(NO_PROOF), refusal(verifiers, withSignature(genuine, garbage)));
    }

    /** Some signers drop a leading zero byte; BC verified the shorter signature, so the other providers must too. */
    @ParameterizedTest
    @EnumSource(Verifiers.class)
    void acceptsAnRsaSignatureShortenedByItsLeadingZeroByte(Verifiers verifiers) {
        PKCS10CertificationRequest withLeadingZero = Stream.iterate(0, i -> i + 1)
                .map(i -> csr().cn("alice-" + i).key(KeyType.RSA_2048).build())
                .filter(c -> c.getSignature()[0] == 0)
                .findFirst().orElseThrow();
        byte[] signature = withLeadingZero.getSignature();

        assertEquals(Optional.empty(), refusal(verifiers, withSignature(withLeadingZero, Arrays.copyOfRange(signature, 1, signature.length))));
    }

    /** BC accepts a PKCS#1 v1.5 DigestInfo without the NULL hash parameters (BoringSSL does not): so must the measured choice. */
    @ParameterizedTest
    @EnumSource(Verifiers.class)
    void acceptsAnRsaDigestInfoWithoutNullParameters(Verifiers verifiers) throws Exception {
        PKCS10CertificationRequest csr = csr().cn("alice").key(KeyType.RSA_2048).build();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(csr.toASN1Structure().getCertificationRequestInfo().getEncoded(ASN1Encoding.DER));
        Signature raw = Signature.getInstance("NONEwithRSA", Crypto.BC);
        raw.initSign(Csrs.keys(KeyType.RSA_2048).getPrivate());
        raw.update(new DigestInfo(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), digest).getEncoded(ASN1Encoding.DER));

        assertEquals(Optional.empty(), refusal(verifiers, withSignature(csr, raw.sign())));
    }

    @ParameterizedTest
    @EnumSource(Verifiers.class)
    void acceptsPssWithANonDefaultSaltLength(Verifiers verifiers) throws Exception {
        KeyPair keys = Csrs.keys(KeyType.RSA_2048);
        PKCS10CertificationRequest csr = new PKCS10CertificationRequestBuilder(new X500Name("CN=alice"),
                SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()))
                .build(new JcaContentSignerBuilder("SHA256withRSAandMGF1", new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 0, 1))
                        .setProvider(Crypto.BC).build(keys.getPrivate()));

        assertEquals(Optional.empty(), refusal(verifiers, csr));
        assertEquals(Optional.of(NO_PROOF), refusal(verifiers, Csrs.withTamperedSignature(csr)));
    }

    /** BoringSSL has neither secp256k1 nor Ed448: BC verifies them, so the rule alone refuses nothing it accepted before. */
    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"SECP256K1", "ED448"})
    void keysConscryptCannotDecodeAreVerifiedByBouncyCastle(KeyType key) {
        PKCS10CertificationRequest genuine = csr().cn("alice").key(key).build();

        assertEquals(Optional.empty(), refusal(Verifiers.MEASURED, genuine));
        assertEquals(Optional.of(NO_PROOF), refusal(Verifiers.MEASURED, Csrs.withTamperedSignature(genuine)));
    }

    @ParameterizedTest
    @EnumSource(Verifiers.class)
    void refusesAnRsaSignatureLongerThanTheModulus(Verifiers verifiers) {
        PKCS10CertificationRequest csr = csr().cn("alice").key(KeyType.RSA_2048).build();
        byte[] longer = new BigInteger(1, csr.getSignature()).add(BigInteger.ONE.shiftLeft(2048)).toByteArray();

        assertEquals(Optional.of(NO_PROOF), refusal(verifiers, withSignature(csr, longer)));
    }

    private static Optional<String> refusal(Verifiers verifiers, PKCS10CertificationRequest csr) {
        return KeyRules.proofOfPossession(verifiers.verifiers)
                .refusal(request(SignerNames.KUBE_APISERVER_CLIENT, csr).build(), CsrFacts.of(csr));
    }

    /** The same request info and signature, with another key in place of the one that signed. */
    private static PKCS10CertificationRequest withPublicKey(PKCS10CertificationRequest csr, SubjectPublicKeyInfo key) {
        CertificationRequest raw = csr.toASN1Structure();
        CertificationRequestInfo info = raw.getCertificationRequestInfo();
        return new PKCS10CertificationRequest(new CertificationRequest(
                new CertificationRequestInfo(info.getSubject(), key, info.getAttributes()), raw.getSignatureAlgorithm(), raw.getSignature()));
    }

    private static PKCS10CertificationRequest withSignature(PKCS10CertificationRequest csr, byte[] signature) {
        CertificationRequest raw = csr.toASN1Structure();
        return new PKCS10CertificationRequest(new CertificationRequest(
                raw.getCertificationRequestInfo(), raw.getSignatureAlgorithm(), new DERBitString(signature)));
    }
}
