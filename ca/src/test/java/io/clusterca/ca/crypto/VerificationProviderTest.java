package io.clusterca.ca.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.security.Security;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.Test;

/** Which provider verifies what: chosen once by platform, then per algorithm by measurement. */
class VerificationProviderTest {
    /** CI and developers run linux x86_64, where the uber jar's native library loads. */
    @Test
    void verifiesWithConscryptOnThisPlatform() {
        assertEquals("Conscrypt", Crypto.verifier().getName());
    }

    @Test
    void verifiesWithBouncyCastleWhereConscryptsNativeLibraryIsUnavailable() {
        assertSame(Crypto.BC, Crypto.nativeOrBc(() -> false, () -> {
            throw new AssertionError("Conscrypt must not be instantiated when unavailable");
        }));
    }

    /** Like BC, it is passed explicitly: registering it would change every other JCA lookup in the JVM. */
    @Test
    void conscryptIsNotRegisteredGlobally() {
        assertEquals("Conscrypt", Crypto.verifier().getName());

        assertNull(Security.getProvider("Conscrypt"));
    }

    @Test
    void ecdsaWithSha2IsVerifiedByConscrypt() {
        for (var oid : new org.bouncycastle.asn1.ASN1ObjectIdentifier[] {X9ObjectIdentifiers.ecdsa_with_SHA256,
                X9ObjectIdentifiers.ecdsa_with_SHA384, X9ObjectIdentifiers.ecdsa_with_SHA512}) {
            assertEquals("Conscrypt", SignatureVerifiers.MEASURED.providerFor(new AlgorithmIdentifier(oid)).getName(), oid.getId());
        }
    }

    @Test
    void rsaPkcs1IsVerifiedBySunRsaSign() {
        assertEquals("SunRsaSign", SignatureVerifiers.MEASURED.providerFor(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE)).getName());
    }

    @Test
    void rsaPssIsVerifiedByConscrypt() {
        assertEquals("Conscrypt", SignatureVerifiers.MEASURED.providerFor(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS, new RSASSAPSSparams())).getName());
    }

    @Test
    void ed25519AndEverythingElseIsVerifiedByBouncyCastle() {
        assertSame(Crypto.BC, SignatureVerifiers.MEASURED.providerFor(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519)));
        assertSame(Crypto.BC, SignatureVerifiers.MEASURED.providerFor(new AlgorithmIdentifier(X9ObjectIdentifiers.id_dsa_with_sha1)));
    }

    @Test
    void rsaLeafKeysAreDecodedWithoutBouncyCastle() throws Exception {
        var keys = KeyAlgorithm.RSA_2048.generate();
        var spki = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());

        var decoded = SignatureVerifiers.MEASURED.publicKey(spki);

        assertEquals("RSA", decoded.getAlgorithm());
        assertEquals(keys.getPublic(), decoded);
        assertEquals("SunRsaSign", java.security.KeyFactory.getInstance("RSA", SignatureVerifiers.MEASURED.rsa()).getProvider().getName());
    }
}
