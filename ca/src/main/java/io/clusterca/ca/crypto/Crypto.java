package io.clusterca.ca.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.conscrypt.Conscrypt;

/**
 * The JCA providers the engine uses. Each is passed explicitly to every JCA call instead of being
 * registered globally, so nothing depends on provider ordering. Each operation has the provider that
 * measured fastest for it here; BC stands in wherever a native provider's library does not load.
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
     * 20 500/s; the whole CSR proof-of-possession check BC 3 500/s, Conscrypt 18 000–19 300/s
     * (PopVerifyBenchmark). {@link SignatureVerifiers} says which algorithms it verifies;
     * {@code verifier().getName()} tells which one this JVM uses ("Conscrypt" or "BC").
     */
    public static Provider verifier() {
        return ChosenVerifier.PROVIDER;
    }

    /**
     * The provider that signs with the CA keys (certificates, CRLs, OCSP responses): the Amazon Corretto
     * Crypto Provider (AWS-LC) where its native library loads, BC elsewhere, chosen once, on first use.
     * Measured on 2 cores, one thread: SHA384withECDSA with P-384 ACCP 15 600/s, BC 5 700/s, Conscrypt
     * 2 800/s, SunEC 900/s; SHA256withRSA with RSA-4096 ACCP 617/s, SunRsaSign 206/s, BC 192/s
     * (SignatureProviderBenchmark). ACCP draws ECDSA nonces from AWS-LC's own DRBG, not from a
     * SecureRandom passed in.
     */
    public static Provider signer() {
        return ChosenSigner.PROVIDER;
    }

    /** A shared, thread-safe CSPRNG (SecureRandom is thread-safe; one instance avoids reseeding cost). */
    public static SecureRandom random() {
        return RANDOM;
    }

    /** A native provider when its library is usable here, else BC; the native one is not even created otherwise. */
    static Provider nativeOrBc(BooleanSupplier nativeAvailable, Supplier<Provider> nativeProvider) {
        return nativeAvailable.getAsBoolean() ? nativeProvider.get() : BC;
    }

    /** Conscrypt's uber jar loads on linux/macOS x86_64 and aarch64 and windows x86_64. Initialised on first use, once. */
    private static final class ChosenVerifier {
        static final Provider PROVIDER = nativeOrBc(Conscrypt::isAvailable, Conscrypt::newProvider);
    }

    /** The bundled ACCP build carries AWS-LC for linux x86_64 only. Initialised on first use, once. */
    private static final class ChosenSigner {
        static final Provider PROVIDER = nativeOrBc(ChosenSigner::accpLoads, () -> AmazonCorrettoCryptoProvider.INSTANCE);

        private static boolean accpLoads() {
            try {
                return AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError() == null;
            } catch (LinkageError e) {
                return false;
            }
        }
    }
}
