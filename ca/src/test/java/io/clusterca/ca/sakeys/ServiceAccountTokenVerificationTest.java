package io.clusterca.ca.sakeys;

import static io.clusterca.ca.sakeys.KubeApiserverSigner.AUDIENCE;
import static io.clusterca.ca.sakeys.KubeApiserverSigner.ISSUER;
import static io.clusterca.ca.sakeys.KubeApiserverSigner.kidOf;
import static io.clusterca.ca.sakeys.KubeApiserverSigner.sign;
import static io.clusterca.ca.sakeys.RingFixture.T0;
import static io.clusterca.ca.sakeys.RingFixture.day;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.clusterca.ca.crypto.KeyAlgorithm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens signed as kube-apiserver signs them verify against the JWKS we serve (nimbus as relying party), across a rotation. */
class ServiceAccountTokenVerificationTest {
    private static final Duration LEAD = Duration.ofHours(1);
    private static final Duration VERIFICATION = Duration.ofHours(25);

    @TempDir
    Path tmp;

    @Test
    void oldTokensVerifyUntilRetirementAndNewTokensCarryTheNewKid() throws Exception {
        RingFixture fx = new RingFixture(tmp, KeyAlgorithm.RSA_2048);
        KeyRing ring = fx.open();
        ring.tick(T0);
        String first = ring.current().active().orElseThrow().kid();
        String oldToken = sign(fx.pkiDir);
        assertEquals(first, kidOf(oldToken));
        assertDoesNotThrow(() -> verify(oldToken, ring));

        ring.tick(day(45).minus(LEAD));
        assertEquals(first, kidOf(sign(fx.pkiDir)), "a pending key does not sign");

        ring.tick(day(45));
        String newToken = sign(fx.pkiDir);
        assertNotEquals(first, kidOf(newToken));
        assertEquals(ring.current().active().orElseThrow().kid(), kidOf(newToken));
        assertDoesNotThrow(() -> verify(newToken, ring));
        assertDoesNotThrow(() -> verify(oldToken, ring));

        ring.tick(day(45).plus(VERIFICATION).minusMillis(1));
        assertDoesNotThrow(() -> verify(oldToken, ring), "still published one millisecond before retirement");

        ring.tick(day(45).plus(VERIFICATION));
        BadJOSEException refused = assertThrows(BadJOSEException.class, () -> verify(oldToken, ring));
        assertEquals("Signed JWT rejected: Another algorithm expected, or no matching key(s) found", refused.getMessage());
        assertDoesNotThrow(() -> verify(newToken, ring));
    }

    @Test
    void es256TokensVerifyAgainstAnEcdsaRing() throws Exception {
        RingFixture fx = new RingFixture(tmp, KeyAlgorithm.ECDSA_P256);
        KeyRing ring = fx.open();
        ring.tick(T0);

        String token = sign(fx.pkiDir);

        assertEquals(JWSAlgorithm.ES256, SignedJWT.parse(token).getHeader().getAlgorithm());
        assertEquals(KubeApiserverSigner.SUBJECT, verify(token, ring).getSubject());
    }

    @Test
    void aTokenSignedByAKeyThatWasNeverPublishedIsRefused() throws Exception {
        RingFixture fx = new RingFixture(tmp, KeyAlgorithm.RSA_2048);
        KeyRing ring = fx.open();
        ring.tick(T0);
        RingFixture stranger = new RingFixture(tmp.resolve("stranger"), KeyAlgorithm.RSA_2048);
        stranger.open().tick(T0);

        String forged = sign(stranger.pkiDir);

        assertThrows(BadJOSEException.class, () -> verify(forged, ring));
    }

    private static JWTClaimsSet verify(String token, KeyRing ring) throws Exception {
        JWKSet served = JWKSet.parse(JwksDocument.of(ring));
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.ES384), new ImmutableJWKSet<>(served)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(AUDIENCE,
                new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("sub", "exp", "iat")));
        return processor.process(token, null);
    }
}
