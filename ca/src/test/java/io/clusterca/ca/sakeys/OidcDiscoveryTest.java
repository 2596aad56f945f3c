package io.clusterca.ca.sakeys;

import static io.clusterca.ca.sakeys.RingFixture.T0;
import static io.clusterca.ca.sakeys.RingFixture.day;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.sakeys.KeyRing.PreviousKey;
import io.clusterca.ca.sakeys.OidcDiscovery.InvalidIssuerException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OidcDiscoveryTest {
    @TempDir
    Path tmp;

    @Test
    void servesTheFieldsKubeApiserverServes() throws Exception {
        RingFixture fx = new RingFixture(tmp, KeyAlgorithm.RSA_2048);
        KeyRing ring = fx.open();
        ring.tick(T0);

        Map<String, Object> doc = JSONObjectUtils.parse(OidcDiscovery.forIssuer("https://clusterca.example:8443").toJson(ring));

        assertEquals(Set.of("issuer", "jwks_uri", "response_types_supported", "subject_types_supported",
                "id_token_signing_alg_values_supported"), doc.keySet());
        assertEquals("https://clusterca.example:8443", doc.get("issuer"));
        assertEquals("https://clusterca.example:8443/openid/v1/jwks", doc.get("jwks_uri"));
        assertEquals(List.of("id_token"), doc.get("response_types_supported"));
        assertEquals(List.of("public"), doc.get("subject_types_supported"));
        assertEquals(List.of("RS256"), doc.get("id_token_signing_alg_values_supported"));
    }

    @Test
    void listsEveryPublishedAlgorithmSortedOnce() throws Exception {
        RingFixture rsa = new RingFixture(tmp, KeyAlgorithm.RSA_2048);
        rsa.open().tick(T0);
        // Same data dir, now creating P-256 keys: the RSA key keeps verifying while the EC key signs.
        KeyRing ring = KeyRing.open(KeyRing.Settings.of(rsa.dataDir)
                .withPolicy(rsa.policy.withAlgorithm(KeyAlgorithm.ECDSA_P256)), rsa.vault, rsa.events);
        ring.rotateNow(day(1), PreviousKey.KEEP_VERIFYING);
        ring.rotate(day(2));

        Map<String, Object> doc = JSONObjectUtils.parse(OidcDiscovery.forIssuer("https://ca.example/").toJson(ring));

        assertEquals(List.of("ES256", "RS256"), doc.get("id_token_signing_alg_values_supported"));
        assertEquals("https://ca.example/openid/v1/jwks", doc.get("jwks_uri"), "one slash between issuer and path");
    }

    @Test
    void anExplicitJwksUriIsKept() {
        OidcDiscovery d = OidcDiscovery.of("https://issuer.example", "https://keys.example/jwks");
        assertEquals("https://keys.example/jwks", d.jwksUri().toString());
    }

    @Test
    void refusesAnIssuerThatIsNotHttps() {
        assertEquals("issuer URL must use https scheme, got: http://clusterca.example",
                assertThrows(InvalidIssuerException.class, () -> OidcDiscovery.forIssuer("http://clusterca.example")).getMessage());
    }

    @Test
    void refusesAnIssuerWithAQuery() {
        assertEquals("issuer URL may not include a query, got: https://clusterca.example?x=1",
                assertThrows(InvalidIssuerException.class, () -> OidcDiscovery.forIssuer("https://clusterca.example?x=1")).getMessage());
    }

    @Test
    void refusesAnIssuerWithAFragment() {
        assertEquals("issuer URL may not include a fragment, got: https://clusterca.example#top",
                assertThrows(InvalidIssuerException.class, () -> OidcDiscovery.forIssuer("https://clusterca.example#top")).getMessage());
    }

    @Test
    void refusesAnEmptyOrRelativeOrMalformedIssuer() {
        assertEquals("empty issuer URL", assertThrows(InvalidIssuerException.class, () -> OidcDiscovery.forIssuer(" ")).getMessage());
        assertEquals("issuer URL must use https scheme, got: clusterca.example",
                assertThrows(InvalidIssuerException.class, () -> OidcDiscovery.forIssuer("clusterca.example")).getMessage());
        assertEquals("issuer URL is not a valid URL (Illegal character in authority), got: https://cluster ca",
                assertThrows(InvalidIssuerException.class, () -> OidcDiscovery.forIssuer("https://cluster ca")).getMessage());
        assertEquals("issuer URL must name a host, got: https:///path",
                assertThrows(InvalidIssuerException.class, () -> OidcDiscovery.forIssuer("https:///path")).getMessage());
    }

    @Test
    void refusesAJwksUriThatIsNotHttps() {
        assertEquals("jwks_uri must use https scheme, got: http://keys.example/jwks",
                assertThrows(InvalidIssuerException.class,
                        () -> OidcDiscovery.of("https://issuer.example", "http://keys.example/jwks")).getMessage());
    }

    @Test
    void anEmptyRingHasNoDiscoveryDocumentYet() {
        RingFixture fx = RingFixture.fast(tmp);
        KeyRing ring = fx.open();

        assertThrows(IllegalStateException.class, () -> OidcDiscovery.forIssuer("https://ca.example").toJson(ring));
    }
}
