package io.clusterca.ca.authority;

import io.clusterca.ca.crypto.Crypto;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** Checks that a private key belongs to a public key by signing and verifying a probe. */
public final class KeyPairs {
    private KeyPairs() {}

    public static void requireMatching(PublicKey publicKey, PrivateKey privateKey, String what) {
        if (!matches(publicKey, privateKey)) {
            throw new IllegalStateException(what + ": private key does not match the certificate");
        }
    }

    public static boolean matches(PublicKey publicKey, PrivateKey privateKey) {
        String alg = switch (publicKey.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (alg == null) {
            return false;
        }
        try {
            byte[] probe = "clusterca key pair probe".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(alg, Crypto.BC);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] sig = signer.sign();
            Signature verifier = Signature.getInstance(alg, Crypto.BC);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
