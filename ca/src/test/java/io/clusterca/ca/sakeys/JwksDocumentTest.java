package io.clusterca.ca.sakeys;

import static io.clusterca.ca.sakeys.RingFixture.T0;
import static io.clusterca.ca.sakeys.RingFixture.day;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.sakeys.KeyRing.PreviousKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwksDocumentTest {
    @TempDir
    Path tmp;

    @Test
    void publishesPendingActiveAndVerifyingKeysButNotRetiredOnes() throws Exception {
        RingFixture fx = RingFixture.fast(tmp);
        KeyRing ring = fx.open();
        ring.tick(T0);
        String retired = kid(ring);
        ring.rotateNow(day(1), PreviousKey.RETIRE);
        String verifying = kid(ring);
        ring.rotateNow(day(2), PreviousKey.KEEP_VERIFYING);
        String active = kid(ring);
        ring.rotate(day(3));
        String pending = ring.current().pending().orElseThrow().kid();

        List<String> kids = keys(JwksDocument.of(ring)).stream().map(k -> (String) k.get("kid")).toList();

        assertEquals(List.of(active, pending, verifying), kids);
        assertFalse(kids.contains(retired));
    }

    @Test
    void rsaKeysCarryKidUseSigAndRs256AndOnlyPublicParameters() throws Exception {
        RingFixture fx = new RingFixture(tmp, KeyAlgorithm.RSA_2048);
        KeyRing ring = fx.open();
        ring.tick(T0);

        Map<String, Object> jwk = keys(JwksDocument.of(ring)).get(0);

        assertEquals(Set.of("kty", "use", "kid", "alg", "n", "e"), jwk.keySet(), "the members kube-apiserver serves; no d, p, q, dp, dq, qi");
        assertEquals("RSA", jwk.get("kty"));
        assertEquals("sig", jwk.get("use"));
        assertEquals("RS256", jwk.get("alg"));
        assertEquals(kid(ring), jwk.get("kid"));
        assertEquals("AQAB", jwk.get("e"));
    }

    @Test
    void ecKeysAreEs256OnP256AndEs384OnP384() throws Exception {
        for (var c : List.of(List.of(KeyAlgorithm.ECDSA_P256, "ES256", "P-256"), List.of(KeyAlgorithm.ECDSA_P384, "ES384", "P-384"))) {
            KeyAlgorithm algorithm = (KeyAlgorithm) c.get(0);
            RingFixture fx = new RingFixture(tmp.resolve(algorithm.flag()), algorithm);
            KeyRing ring = fx.open();
            ring.tick(T0);

            Map<String, Object> jwk = keys(JwksDocument.of(ring)).get(0);

            assertEquals(Set.of("kty", "use", "kid", "alg", "crv", "x", "y"), jwk.keySet(), "no d");
            assertEquals("EC", jwk.get("kty"));
            assertEquals("sig", jwk.get("use"));
            assertEquals(c.get(1), jwk.get("alg"));
            assertEquals(c.get(2), jwk.get("crv"));
        }
    }

    @Test
    void rsa3072And4096KeysAreStillRs256LikeKubeApiserver() {
        for (KeyAlgorithm algorithm : List.of(KeyAlgorithm.RSA_3072, KeyAlgorithm.RSA_4096)) {
            assertEquals("RS256", JwsAlgorithms.of(algorithm.generate().getPublic()).getName(), algorithm.flag());
        }
    }

    @Test
    void cacheControlIsKubeApiserversForTheDefaultPolicyAndNeverOutlivesThePublishLead() {
        assertEquals("public, max-age=3600", JwksDocument.cacheControl(RotationPolicy.defaults()));
        assertEquals(JwksDocument.CACHE_CONTROL, JwksDocument.cacheControl(RotationPolicy.defaults()));
        assertEquals("public, max-age=3600", JwksDocument.cacheControl(RotationPolicy.defaults().withPublishLead(Duration.ofHours(6))));
        assertEquals("public, max-age=600", JwksDocument.cacheControl(RotationPolicy.defaults().withPublishLead(Duration.ofMinutes(10))));
    }

    private static String kid(KeyRing ring) {
        return ring.current().active().orElseThrow().kid();
    }

    private static List<Map<String, Object>> keys(String jwks) throws Exception {
        Map<String, Object> root = JSONObjectUtils.parse(jwks);
        assertEquals(Set.of("keys"), root.keySet());
        return Arrays.asList(JSONObjectUtils.getJSONObjectArray(root, "keys"));
    }
}
