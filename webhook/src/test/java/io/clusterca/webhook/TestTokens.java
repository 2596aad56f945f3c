package io.clusterca.webhook;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Service-account JWTs shaped exactly like the ones kube-apiserver and the token controller mint, RS256-signed. */
public final class TestTokens {
    public static final String NAMESPACE = "team-a";
    public static final String SERVICE_ACCOUNT = "build-robot";
    public static final String SUBJECT = "system:serviceaccount:" + NAMESPACE + ":" + SERVICE_ACCOUNT;

    private static final KeyPair SIGNING_KEY = rsaKeyPair();

    private TestTokens() {
    }

    /** What the legacy token controller writes into a {@code kubernetes.io/service-account-token} Secret: no exp, iat, nbf or aud. */
    public static String legacy() {
        return sign(legacyClaims().build());
    }

    public static JWTClaimsSet.Builder legacyClaims() {
        return new JWTClaimsSet.Builder()
                .issuer("kubernetes/serviceaccount")
                .subject(SUBJECT)
                .claim("kubernetes.io/serviceaccount/namespace", NAMESPACE)
                .claim("kubernetes.io/serviceaccount/secret.name", "build-robot-token")
                .claim("kubernetes.io/serviceaccount/service-account.name", SERVICE_ACCOUNT)
                .claim("kubernetes.io/serviceaccount/service-account.uid", "0b3c9f3e-4d0e-4e1b-9a57-0a7f3c1e2d44");
    }

    /** What the TokenRequest API returns: audience, one-hour lifetime, the {@code kubernetes.io} private claim. */
    public static String bound() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        return sign(new JWTClaimsSet.Builder()
                .issuer("https://kubernetes.default.svc.cluster.local")
                .subject(SUBJECT)
                .audience(List.of("https://kubernetes.default.svc.cluster.local"))
                .issueTime(java.util.Date.from(now))
                .notBeforeTime(java.util.Date.from(now))
                .expirationTime(java.util.Date.from(now.plusSeconds(3600)))
                .jwtID("5d8f8e2c-7d55-4c1b-8a4e-3f2f0a1b6c9d")
                .claim("kubernetes.io", Map.of(
                        "namespace", NAMESPACE,
                        "serviceaccount", Map.of("name", SERVICE_ACCOUNT, "uid", "0b3c9f3e-4d0e-4e1b-9a57-0a7f3c1e2d44")))
                .build());
    }

    /** A kubeconfig a CI system might keep in a Secret, with the legacy token embedded as the user's credential. */
    public static String kubeconfigWith(String token) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: prod
                  cluster:
                    server: https://10.0.0.1:6443
                    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJkekNDQVIyZ0F3SUJBZ0lVCg==
                users:
                - name: ci
                  user:
                    token: %s
                contexts:
                - name: ci@prod
                  context: {cluster: prod, user: ci, namespace: team-a}
                current-context: ci@prod
                """.formatted(token);
    }

    public static String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("x4s1aRmcm2y6-WBRg2Z7ZT0fzUqGY7PjpFm1e9ZXt3Q").build(), claims);
            jwt.sign(new RSASSASigner(SIGNING_KEY.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
