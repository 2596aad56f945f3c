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

    private static final SecureRandom RANDOM = new SecureRandom();

    private Crypto() {}

    /**
     * The provider that verifies signatures on the request path: Conscrypt (BoringSSL) where its
     * native library loads, BC elsewhere, chosen once, on first use (loading the library takes ~0.1 s,
     * which commands that never verify should not pay). Measured on 2 cores, a fresh key per
     * verification as a CA sees them: P-256 SHA256withECDSA verification BC 5 800/s, Conscrypt
     * 20 500/s; the whole CSR proof-of-possession check BC 3 500/s, Conscrypt 11 400/s
     * (PopVerifyBenchmark). {@link SignatureVerifiers} says which algorithms it verifies;
     * {@code verifier().getName()} tells which one this JVM uses ("Conscrypt" or "BC").
     */
    public static Provider verifier() {
        return ChosenVerifier.PROVIDER;
    }

    /** A shared, thread-safe CSPRNG (SecureRandom is thread-safe; one instance avoids reseeding cost). */
    public static SecureRandom random() {
        return RANDOM;
    }

    /** Conscrypt when its native library is usable here (linux/macOS x86_64 and aarch64, windows x86_64), else BC. */
    static Provider chooseVerifier(BooleanSupplier conscryptAvailable, Supplier<Provider> conscrypt) {
        return conscryptAvailable.getAsBoolean() ? conscrypt.get() : BC;
    }

    /** Initialised by the JVM on first use of {@link #verifier()}, exactly once. */
    private static final class ChosenVerifier {
        static final Provider PROVIDER = chooseVerifier(Conscrypt::isAvailable, Conscrypt::newProvider);
    }
}
