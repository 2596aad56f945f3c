package io.clusterca.ca.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Key algorithms the service generates for its own keys (CAs, serving certs, service-account keys). */
public enum KeyAlgorithm {
    ECDSA_P256("ecdsa-p256", "SHA256withECDSA"),
    ECDSA_P384("ecdsa-p384", "SHA384withECDSA"),
    RSA_2048("rsa-2048", "SHA256withRSA"),
    RSA_3072("rsa-3072", "SHA256withRSA"),
    RSA_4096("rsa-4096", "SHA256withRSA");

    private final String flag;
    private final String signatureAlgorithm;

    KeyAlgorithm(String flag, String signatureAlgorithm) {
        this.flag = flag;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The command-line spelling, e.g. {@code ecdsa-p384}. */
    public String flag() {
        return flag;
    }

    /** The JCA signature algorithm a key of this kind signs certificates with. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public boolean isRsa() {
        return this == RSA_2048 || this == RSA_3072 || this == RSA_4096;
    }

    public static Optional<KeyAlgorithm> fromFlag(String flag) {
        String f = flag.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.flag.equals(f)).findFirst();
    }

    /** Recognises the algorithm of an existing public key (the signature algorithm follows from it). */
    public static Optional<KeyAlgorithm> of(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            return Optional.of(bits > 3072 ? RSA_4096 : bits > 2048 ? RSA_3072 : RSA_2048);
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return switch (bits) {
                case 256 -> Optional.of(ECDSA_P256);
                case 384 -> Optional.of(ECDSA_P384);
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    /** Generates a key pair. Blocking and CPU-heavy (RSA-4096 takes seconds): never on an event loop. */
    public KeyPair generate() {
        try {
            KeyPairGenerator gen;
            if (isRsa()) {
                gen = KeyPairGenerator.getInstance("RSA", Crypto.BC);
                int bits = switch (this) {
                    case RSA_3072 -> 3072;
                    case RSA_4096 -> 4096;
                    default -> 2048;
                };
                gen.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), Crypto.random());
            } else {
                gen = KeyPairGenerator.getInstance("EC", Crypto.BC);
                gen.initialize(new ECGenParameterSpec(this == ECDSA_P256 ? "secp256r1" : "secp384r1"), Crypto.random());
            }
            return gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate " + flag + " key", e);
        }
    }
}
