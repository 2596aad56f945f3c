package io.clusterca.ca.sakeys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/**
 * The JWS algorithm kube-apiserver signs service-account tokens with for a given key
 * ({@code algorithmFromPublicKey} in pkg/serviceaccount/openidmetadata.go): RS256 for RSA of any
 * size, ES256/ES384/ES512 by curve for ECDSA.
 */
public final class JwsAlgorithms {
    private JwsAlgorithms() {}

    public static JWSAlgorithm of(PublicKey key) {
        if (key instanceof RSAPublicKey) {
            return JWSAlgorithm.RS256;
        }
        if (key instanceof ECPublicKey ec) {
            // By curve identity, not size: secp256k1 is 256 bits too, and kube-apiserver refuses it.
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (Curve.P_256.equals(curve)) {
                return JWSAlgorithm.ES256;
            }
            if (Curve.P_384.equals(curve)) {
                return JWSAlgorithm.ES384;
            }
            if (Curve.P_521.equals(curve)) {
                return JWSAlgorithm.ES512;
            }
            throw new IllegalArgumentException("unsupported EC curve " + (curve == null ? "(unnamed)" : curve.getName())
                    + "; must be P-256, P-384 or P-521");
        }
        throw new IllegalArgumentException("unsupported public key type " + key.getAlgorithm() + "; must be RSA or ECDSA");
    }
}
