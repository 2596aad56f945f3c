package io.clusterca.ca.sakeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.crypto.Pem;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyIdTest {
    /** The fixed key and kid of kube-apiserver's TestKeyIDStability (pkg/serviceaccount/keyid_test.go). */
    private static final String KUBE_TEST_KEY = """
            -----BEGIN PUBLIC KEY-----
            MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA249XwEo9k4tM8fMxV7zx
            OhcrP+WvXn917koM5Qr2ZXs4vo26e4ytdlrV0bQ9SlcLpQVSYjIxNfhTZdDt+ecI
            zshKuv1gKIxbbLQMOuK1eA/4HALyEkFgmS/tleLJrhc65tKPMGD+pKQ/xhmzRuCG
            51RoiMgbQxaCyYxGfNLpLAZK9L0Tctv9a0mJmGIYnIOQM4kC1A1I1n3EsXMWmeJU
            j7OTh/AjjCnMnkgvKT2tpKxYQ59PgDgU8Ssc7RDSmSkLxnrv+OrN80j6xrw0OjEi
            B4Ycr0PqfzZcvy8efTtFQ/Jnc4Bp1zUtFXt7+QeevePtQ2EcyELXE0i63T1CujRM
            WwIDAQAB
            -----END PUBLIC KEY-----
            """;

    @Test
    void matchesKubeApiserversStableKeyIdVector() {
        assertEquals("JHJehTTTZlsspKHT-GaJxK7Kd1NQgZJu3fyK6K_QDYU", KeyId.of(Pem.publicKey(KUBE_TEST_KEY)));
    }

    @Test
    void isTheUnpaddedBase64UrlSha256OfTheSubjectPublicKeyInfo() throws Exception {
        for (KeyAlgorithm algorithm : new KeyAlgorithm[] {KeyAlgorithm.RSA_2048, KeyAlgorithm.ECDSA_P256, KeyAlgorithm.ECDSA_P384}) {
            PublicKey key = algorithm.generate().getPublic();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);

            String kid = KeyId.of(key);

            assertEquals(expected, kid, algorithm.flag());
            assertEquals(43, kid.length(), "256 bits in unpadded base64url");
            assertTrue(kid.matches("[A-Za-z0-9_-]+"), kid);
        }
    }
}
