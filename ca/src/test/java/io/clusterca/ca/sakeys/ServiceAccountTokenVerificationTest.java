package io.clusterca.ca.sakeys;

import static io.clusterca.ca.sakeys.RingFixture.T0;
import static io.clusterca.ca.sakeys.RingFixture.day;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.clusterca.ca.crypto.Crypto;
import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.crypto.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens signed the way kube-apiserver signs them (with the private key it reads from {@code sa.key},
 * {@code kid} from {@code keyIDFromPublicKey}) verify against the JWKS we serve, across a rotation.
 */
class ServiceAccountTokenVerificationTest {
    private static final String ISSUER = "https://clusterca.example";
    private static final String AUDIENCE = "https://kubernetes.default.svc.cluster.local";
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
        String oldToken = signAsKubeApiserver(fx.pkiDir);
        assertEquals(first, kidOf(oldToken));
        assertDoesNotThrow(() -> verify(oldToken, ring));

        ring.tick(day(45).minus(LEAD));
        assertEquals(first, kidOf(signAsKubeApiserver(fx.pkiDir)), "a pending key does not sign");

        ring.tick(day(45));
        String newToken = signAsKubeApiserver(fx.pkiDir);
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

        String token = signAsKubeApiserver(fx.pkiDir);

        assertEquals(JWSAlgorithm.ES256, SignedJWT.parse(token).getHeader().getAlgorithm());
        assertEquals("system:serviceaccount:default:app", verify(token, ring).getSubject());
    }

    @Test
    void aTokenSignedByAKeyThatWasNeverPublishedIsRefused() throws Exception {
        RingFixture fx = new RingFixture(tmp, KeyAlgorithm.RSA_2048);
        KeyRing ring = fx.open();
        ring.tick(T0);
        RingFixture stranger = new RingFixture(tmp.resolve("stranger"), KeyAlgorithm.RSA_2048);
        stranger.open().tick(T0);

        String forged = signAsKubeApiserver(stranger.pkiDir);

        assertThrows(BadJOSEException.class, () -> verify(forged, ring));
    }

    /** What kube-apiserver does: load sa.key, kid = keyIDFromPublicKey(public half), RS256/ES256, no typ. */
    private static String signAsKubeApiserver(Path pkiDir) throws Exception {
        PrivateKey key = Pem.privateKey(Files.readString(pkiDir.resolve("sa.key")));
        PublicKey publicHalf = publicHalf(key);
        JWSAlgorithm alg = JwsAlgorithms.of(publicHalf);
        JWSSigner signer = key instanceof ECPrivateKey ec ? new ECDSASigner(ec) : new RSASSASigner(key);
        signer.getJCAContext().setProvider(Crypto.BC); // BouncyCastle EC keys say "ECDSA", which SunEC refuses
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("system:serviceaccount:default:app")
                .audience(List.of(AUDIENCE))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .claim("kubernetes.io", Map.of("namespace", "default",
                        "serviceaccount", Map.of("name", "app", "uid", "6df6b5a2-8b5c-4a3a-9f43-6f3f0c1c2d11")))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(KeyId.of(publicHalf)).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
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

    private static String kidOf(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    private static PublicKey publicHalf(PrivateKey key) throws Exception {
        if (key instanceof RSAPrivateCrtKey rsa) {
            return KeyFactory.getInstance("RSA", Crypto.BC).generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        if (key instanceof org.bouncycastle.jce.interfaces.ECPrivateKey ec) {
            ECParameterSpec params = ec.getParameters();
            return KeyFactory.getInstance("EC", Crypto.BC).generatePublic(
                    new ECPublicKeySpec(params.getG().multiply(ec.getD()).normalize(), params));
        }
        throw new JOSEException("unsupported key " + key.getAlgorithm());
    }
}
