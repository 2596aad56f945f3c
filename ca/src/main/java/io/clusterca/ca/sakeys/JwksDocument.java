package io.clusterca.ca.sakeys;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;

/**
 * The JWKS served at {@code GET /openid/v1/jwks}: every published key (pending, active, verifying)
 * as kube-apiserver renders it (pkg/serviceaccount/openidmetadata.go): {@code kid},
 * {@code use: "sig"}, {@code alg} (RS256, ES256, ES384, ES512) and the public parameters only.
 */
public final class JwksDocument {
    public static final String PATH = "/openid/v1/jwks";
    /** RFC 7517 section 8.5.1; what kube-apiserver sends. */
    public static final String CONTENT_TYPE = "application/jwk-set+json";
    /** kube-apiserver's header on both OIDC routes (pkg/routes/openidmetadata.go), for the default policy. */
    public static final String CACHE_CONTROL = "public, max-age=3600";
    private static final Duration KUBE_MAX_AGE = Duration.ofHours(1);

    private JwksDocument() {}

    /** The JSON document. Cache it by {@link KeyRingState#revision()} if it matters. */
    public static String of(KeyRingState ring) {
        return jwkSet(ring).toString(true);
    }

    public static String of(KeyRing ring) {
        return of(ring.current());
    }

    public static JWKSet jwkSet(KeyRingState ring) {
        return new JWKSet(ring.published().stream().map(JwksDocument::jwk).toList());
    }

    /**
     * The {@code Cache-Control} for the discovery and JWKS routes. A relying party may serve a cached
     * JWKS for max-age, so max-age must not exceed the publish lead: one hour like kube-apiserver,
     * shorter when the lead is.
     */
    public static String cacheControl(RotationPolicy policy) {
        Duration maxAge = policy.publishLead().compareTo(KUBE_MAX_AGE) < 0 ? policy.publishLead() : KUBE_MAX_AGE;
        return "public, max-age=" + maxAge.toSeconds();
    }

    static JWK jwk(SaKey key) {
        PublicKey publicKey = key.publicKey();
        if (publicKey instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa)
                    .keyID(key.kid())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JwsAlgorithms.of(rsa))
                    .build();
        }
        if (publicKey instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (curve == null) {
                throw new IllegalArgumentException("key " + key.kid() + " is on a curve JOSE does not name");
            }
            return new ECKey.Builder(curve, ec)
                    .keyID(key.kid())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JwsAlgorithms.of(ec))
                    .build();
        }
        throw new IllegalArgumentException("key " + key.kid() + " is neither RSA nor EC");
    }
}
