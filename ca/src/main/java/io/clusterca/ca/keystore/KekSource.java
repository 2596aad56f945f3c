package io.clusterca.ca.keystore;

import java.time.Instant;
import java.util.Map;
import javax.crypto.SecretKey;

/**
 * Where the key-encryption keys come from: random 256-bit keys kept in owner-only files
 * ({@link #random()}), or keys derived from an operator passphrase with Argon2id so nothing on disk
 * alone unlocks the store ({@link #passphrase}). The source decides how new KEK versions are made;
 * any source opens versions stored as random keys, so a store can move to a passphrase by rotating
 * and re-wrapping.
 */
public abstract sealed class KekSource permits RandomKekSource, PassphraseKekSource {
    /** The environment variable the CLI reads the passphrase from. */
    public static final String PASSPHRASE_ENV = "CLUSTERCA_KEK_PASSPHRASE";

    KekSource() {}

    public static KekSource random() {
        return new RandomKekSource();
    }

    public static KekSource passphrase(char[] passphrase) {
        return passphrase(passphrase, Argon2Params.RECOMMENDED);
    }

    public static KekSource passphrase(char[] passphrase, Argon2Params params) {
        return new PassphraseKekSource(passphrase, params);
    }

    /**
     * The passphrase source when {@value #PASSPHRASE_ENV} is set, else random KEK files. The CLI and
     * the server pass {@code System.getenv()}; nothing below the edge reads the environment.
     *
     * @throws IllegalArgumentException when the variable is set but blank
     */
    public static KekSource fromEnvironment(Map<String, String> env) {
        String passphrase = env.get(PASSPHRASE_ENV);
        if (passphrase == null) {
            return random();
        }
        if (passphrase.isBlank()) {
            throw new IllegalArgumentException(PASSPHRASE_ENV + " is set but empty");
        }
        return passphrase(passphrase.toCharArray());
    }

    /** For logs and status, e.g. {@code random KEK files} (never the passphrase). */
    public abstract String description();

    /** A new KEK version: the file to store and its key (so a fresh version is not derived twice). */
    abstract Created create(int version, Instant created);

    record Created(KekFile file, SecretKey key) {}

    /** The key of a stored version, or a {@link SealedKeyException} saying why this source cannot open it. */
    final SecretKey unlock(KekFile file) {
        if (file instanceof KekFile.Random random) {
            return Aes256Gcm.key(random.key());
        }
        return derive((KekFile.Derived) file);
    }

    abstract SecretKey derive(KekFile.Derived file);

    @Override
    public String toString() {
        return description();
    }
}
