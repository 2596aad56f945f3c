package io.clusterca.ca.sakeys;

import com.nimbusds.jose.JWSAlgorithm;
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
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return switch (bits) {
                case 256 -> JWSAlgorithm.ES256;
                case 384 -> JWSAlgorithm.ES384;
                case 521 -> JWSAlgorithm.ES512;
                default -> throw new IllegalArgumentException("unsupported EC curve of " + bits + " bits; must be P-256, P-384 or P-521");
            };
        }
        throw new IllegalArgumentException("unsupported public key type " + key.getAlgorithm() + "; must be RSA or ECDSA");
    }
}
