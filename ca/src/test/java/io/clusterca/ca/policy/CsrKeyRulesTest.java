package io.clusterca.ca.policy;

import static io.clusterca.ca.policy.Csrs.csr;
import static io.clusterca.ca.policy.Decisions.approved;
import static io.clusterca.ca.policy.Decisions.refused;
import static io.clusterca.ca.policy.Requests.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterca.ca.authority.LeafSpec;
import io.clusterca.ca.crypto.Crypto;
import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.policy.Csrs.KeyType;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The key, signature-hash and proof-of-possession rules every profile starts with. */
class CsrKeyRulesTest {
    /** Any profile will do: these rules come first in all of them. */
    private final SignerProfile profile = StandardProfiles.kubeApiserverClient();

    private PolicyDecision evaluate(PKCS10CertificationRequest csr) {
        return profile.evaluate(request(SignerNames.KUBE_APISERVER_CLIENT, csr).build());
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"P256", "P384", "P521", "ED25519", "RSA_2048"})
    void acceptsEcdsaOnNistCurvesEd25519AndRsaOfAtLeast2048Bits(KeyType type) {
        LeafSpec spec = approved(evaluate(csr().cn("alice").key(type).build()));

        assertArrayEquals(Csrs.keys(type).getPublic().getEncoded(), spec.publicKey().getEncoded());
    }

    @Test
    void acceptsP521KeysAsJavaEcKeys() {
        LeafSpec spec = approved(evaluate(csr().cn("alice").key(KeyType.P521).build()));

        assertEquals(521, ((ECPublicKey) spec.publicKey()).getParams().getCurve().getField().getFieldSize());
    }

    @Test
    void refusesRsaKeysShorterThan2048Bits() {
        refused("RSA key of 1024 bits is too weak: at least 2048 bits required",
                evaluate(csr().cn("alice").key(KeyType.RSA_1024).build()));
    }

    @Test
    void refusesRsaKeysLongerThan8192BitsBeforeVerifyingWithThem() throws IOException {
        BigInteger modulus = BigInteger.ONE.shiftLeft(16383).add(BigInteger.ONE);
        SubjectPublicKeyInfo huge = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, org.bouncycastle.asn1.DERNull.INSTANCE),
                new RSAPublicKey(modulus, BigInteger.valueOf(65537)));

        refused("RSA key of 16384 bits is too large: at most 8192 bits accepted",
                evaluate(csr().cn("alice").buildWithPublicKey(huge, KeyType.P256)));
    }

    /** BC's key decoding used to refuse these (so proof of possession did); the verifying providers do not check. */
    @Test
    void refusesRsaKeysWhoseModulusHasASmallPrimeFactor() throws IOException {
        BigInteger modulus = BigInteger.probablePrime(2040, Crypto.random()).multiply(BigInteger.valueOf(251));
        SubjectPublicKeyInfo weak = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, org.bouncycastle.asn1.DERNull.INSTANCE),
                new RSAPublicKey(modulus, BigInteger.valueOf(65537)));

        refused("RSA key is invalid: its modulus has a small prime factor",
                evaluate(csr().cn("alice").buildWithPublicKey(weak, KeyType.P256)));
    }

    @Test
    void refusesEcKeysOnSecp256k1() {
        refused("EC key on curve secp256k1 is not accepted: use P-256, P-384 or P-521",
                evaluate(csr().cn("alice").key(KeyType.SECP256K1).build()));
    }

    @Test
    void refusesEcKeysWithExplicitCurveParameters() {
        SubjectPublicKeyInfo named = SubjectPublicKeyInfo.getInstance(Csrs.keys(KeyType.P256).getPublic().getEncoded());
        X9ECParameters p256 = ECNamedCurveTable.getByName("secp256r1");
        SubjectPublicKeyInfo explicit = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, new X962Parameters(p256)),
                named.getPublicKeyData().getBytes());

        refused("EC key with explicit curve parameters is not accepted: use P-256, P-384 or P-521",
                evaluate(csr().cn("alice").buildWithPublicKey(explicit, KeyType.P256)));
    }

    @Test
    void refusesDsaKeys() {
        refused("DSA keys are not accepted: use ECDSA P-256/P-384/P-521, Ed25519 or RSA of at least 2048 bits",
                evaluate(csr().cn("alice").key(KeyType.DSA_2048).build()));
    }

    @Test
    void refusesEd448Keys() {
        refused("Ed448 keys are not accepted: use ECDSA P-256/P-384/P-521, Ed25519 or RSA of at least 2048 bits",
                evaluate(csr().cn("alice").key(KeyType.ED448).build()));
    }

    @Test
    void refusesACsrWhoseSignatureWasTampered() {
        refused("certificate request signature does not verify: no proof of possession of the private key",
                evaluate(Csrs.withTamperedSignature(csr().cn("alice").build())));
    }

    @Test
    void refusesACsrCarryingAKeyItWasNotSignedWith() {
        SubjectPublicKeyInfo someoneElses = SubjectPublicKeyInfo.getInstance(Csrs.keys(KeyType.P384).getPublic().getEncoded());

        refused("certificate request signature does not verify: no proof of possession of the private key",
                evaluate(csr().cn("alice").buildWithPublicKey(someoneElses, KeyType.P256)));
    }

    @Test
    void refusesCsrsSignedWithSha1() {
        refused("certificate request is signed with SHA1WITHRSA: MD5 and SHA-1 signatures are not accepted",
                evaluate(csr().cn("alice").key(KeyType.RSA_2048).signatureAlgorithm("SHA1withRSA").build()));
    }

    /**
     * openssl, an independent verifier, agrees on which of our test CSRs prove possession. (openssl
     * 3.0 {@code req -verify} exits 0 either way, so its verdict is read from its output.)
     */
    @Test
    void opensslAgreesTheTamperedCsrDoesNotVerify(@TempDir Path dir) throws Exception {
        PKCS10CertificationRequest good = csr().cn("alice").build();

        assertEquals("Certificate request self-signature verify OK", opensslVerify(dir.resolve("good.csr"), good));
        assertEquals("Certificate request self-signature verify failure",
                opensslVerify(dir.resolve("bad.csr"), Csrs.withTamperedSignature(good)));
    }

    private static String opensslVerify(Path file, PKCS10CertificationRequest csr) throws IOException, InterruptedException {
        Files.writeString(file, Pem.encode(csr), StandardCharsets.US_ASCII);
        Path out = file.resolveSibling(file.getFileName() + ".out");
        Process p = new ProcessBuilder("openssl", "req", "-verify", "-noout", "-in", file.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        p.waitFor();
        return Files.readAllLines(out).stream().filter(l -> l.contains("self-signature")).findFirst().orElse("");
    }
}
