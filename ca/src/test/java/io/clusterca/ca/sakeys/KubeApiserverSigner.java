package io.clusterca.ca.sakeys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.clusterca.ca.crypto.Crypto;
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
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;

/**
 * Signs a projected service-account token the way kube-apiserver does: private key read from
 * {@code sa.key}, {@code kid} = keyIDFromPublicKey(its public half), RS256 or ES256/ES384, no {@code typ}.
 * Times are the wall clock, so a relying party's {@code exp} check passes whatever the ring's test clock says.
 */
final class KubeApiserverSigner {
    static final String ISSUER = "https://clusterca.example";
    static final String AUDIENCE = "https://kubernetes.default.svc.cluster.local";
    static final String SUBJECT = "system:serviceaccount:default:app";

    private KubeApiserverSigner() {}

    static String sign(Path pkiDir) throws Exception {
        PrivateKey key = Pem.privateKey(Files.readString(pkiDir.resolve("sa.key")));
        PublicKey publicHalf = publicHalf(key);
        JWSAlgorithm alg = JwsAlgorithms.of(publicHalf);
        JWSSigner signer = key instanceof ECPrivateKey ec ? new ECDSASigner(ec) : new RSASSASigner(key);
        signer.getJCAContext().setProvider(Crypto.BC); // BouncyCastle EC keys say "ECDSA", which SunEC refuses
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(SUBJECT)
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

    static String kidOf(String token) throws Exception {
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
