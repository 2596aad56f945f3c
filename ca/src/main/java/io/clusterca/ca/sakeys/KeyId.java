package io.clusterca.ca.sakeys;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;

/**
 * The {@code kid} of a service-account key, computed exactly as kube-apiserver's
 * {@code keyIDFromPublicKey} (pkg/serviceaccount/jwt.go): base64url without padding of the SHA-256
 * of the DER SubjectPublicKeyInfo. Tokens carry it in their header and relying parties pick the
 * JWKS entry by it, so it must never change for a given key.
 */
public final class KeyId {
    private KeyId() {}

    public static String of(PublicKey publicKey) {
        byte[] spki = publicKey.getEncoded();
        if (spki == null || !"X.509".equals(publicKey.getFormat())) {
            throw new IllegalArgumentException("public key has no SubjectPublicKeyInfo encoding: " + publicKey.getAlgorithm());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(spki);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }
}
