package io.clusterca.webhook.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.clusterca.webhook.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LegacyTokenDetectorTest {
    private final LegacyTokenDetector detector = new LegacyTokenDetector();

    @Test
    void findsALegacyTokenThatIsTheWholeValue() {
        Optional<LegacyToken> found = detector.findInText(TestTokens.legacy());

        assertEquals(Optional.of(new LegacyToken(Optional.of(TestTokens.SUBJECT))), found);
    }

    @Test
    void findsALegacyTokenInBase64SecretData() {
        assertTrue(detector.findInBase64(TestTokens.base64(TestTokens.legacy())).isPresent());
    }

    @Test
    void findsALegacyTokenWithATrailingNewline() {
        assertTrue(detector.findInBase64(TestTokens.base64(TestTokens.legacy() + "\n")).isPresent());
    }

    @Test
    void findsALegacyTokenEmbeddedInAKubeconfig() {
        assertTrue(detector.findInText(TestTokens.kubeconfigWith(TestTokens.legacy())).isPresent());
    }

    @Test
    void findsALegacyTokenAfterDecoysThatAreNotTokens() {
        String value = "eyJnot.a.token eyJhbGciOiJub25lIn0.e30. Bearer " + TestTokens.legacy();

        assertTrue(detector.findInText(value).isPresent());
    }

    @Test
    void ignoresABoundTokenBecauseItExpires() {
        assertEquals(Optional.empty(), detector.findInText(TestTokens.bound()));
    }

    @Test
    void ignoresAServiceAccountLikeTokenWithExpEvenFromTheLegacyIssuer() {
        String token = TestTokens.sign(TestTokens.legacyClaims().expirationTime(new Date(1_900_000_000_000L)).build());

        assertEquals(Optional.empty(), detector.findInText(token));
    }

    @Test
    void ignoresANonExpiringJwtThatIsNotAServiceAccountToken() {
        String token = TestTokens.sign(new JWTClaimsSet.Builder().issuer("https://ci.example.com")
                .subject("deploy-bot").claim("scope", "serviceaccount-admin").build());

        assertEquals(Optional.empty(), detector.findInText(token));
    }

    @Test
    void recognisesAServiceAccountTokenBySubjectWhenTheIssuerDiffers() {
        String token = TestTokens.sign(new JWTClaimsSet.Builder().issuer("https://kubernetes.default.svc")
                .subject("system:serviceaccount:team-a:deployer").build());

        assertEquals(Optional.of(new LegacyToken(Optional.of("system:serviceaccount:team-a:deployer"))),
                detector.findInText(token));
    }

    @Test
    void recognisesAnUnsignedLegacyToken() {
        String token = new PlainJWT(new PlainHeader(), TestTokens.legacyClaims().build()).serialize();

        assertTrue(detector.findInText(token).isPresent());
    }

    @Test
    void ignoresValuesThatAreNotTokens() {
        assertEquals(Optional.empty(), detector.findInBase64(TestTokens.base64("s3cr3t-p4ssw0rd")));
        assertEquals(Optional.empty(), detector.findInBase64("not base64 at all!"));
        assertEquals(Optional.empty(), detector.findInText("eyJ.eyJ.eyJ"));
        assertEquals(Optional.empty(), detector.findIn(new byte[0]));
    }

    @Test
    void ignoresATokenGluedToPrecedingTokenCharacters() {
        // "xeyJ..." cannot be a JWT: its header would not decode to a JSON object.
        assertEquals(Optional.empty(), detector.findInText("x" + TestTokens.legacy()));
    }

    @Test
    void survivesAHostileValueMadeOfTokenShapedDecoys() {
        String decoy = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJzZXJ2aWNlYWNjb3VudCJ9. ";
        String hostile = decoy.repeat(20_000) + TestTokens.legacy();

        assertTrue(detector.findIn(hostile.getBytes(StandardCharsets.US_ASCII)).isPresent());
    }
}
