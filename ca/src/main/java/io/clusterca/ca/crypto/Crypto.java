package io.clusterca.ca.crypto;

import java.security.Provider;
import java.security.SecureRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.conscrypt.Conscrypt;

/**
 * The JCA providers the engine uses. Each is passed explicitly to every JCA call instead of being
 * registered globally, so nothing depends on provider ordering. Measured on 2 cores: BC signs ECDSA
 * P-384 about 5x faster than SunEC and about 1.9x faster than Conscrypt (5 287/s vs 2 800/s), so
 * signing stays on BC; RSA is equal.
 */
public final class Crypto {
    public static final Provider BC = new BouncyCastleProvider();

    /**
     * The provider that verifies signatures on the request path: Conscrypt (BoringSSL) where its
     * native library loads, BC elsewhere, chosen once. Measured on 2 cores, a fresh key per
     * verification as a CA sees them: P-256 SHA256withECDSA verification BC 5 800/s, Conscrypt
     * 20 500/s; the whole CSR proof-of-possession check BC 3 500/s, Conscrypt 11 400/s
     * (PopVerifyBenchmark). {@link SignatureVerifiers} says which algorithms it verifies;
     * {@code VERIFY.getName()} tells which one this JVM uses ("Conscrypt" or "BC").
     */
    public static final Provider VERIFY = verifier(Conscrypt::isAvailable, Conscrypt::newProvider);

    private static final SecureRandom RANDOM = new SecureRandom();

    private Crypto() {}

    /** A shared, thread-safe CSPRNG (SecureRandom is thread-safe; one instance avoids reseeding cost). */
    public static SecureRandom random() {
        return RANDOM;
    }

    /** Conscrypt when its native library is usable here (linux/macOS x86_64 and aarch64, windows x86_64), else BC. */
    static Provider verifier(BooleanSupplier conscryptAvailable, Supplier<Provider> conscrypt) {
        return conscryptAvailable.getAsBoolean() ? conscrypt.get() : BC;
    }
}
