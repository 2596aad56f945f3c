package io.clusterca.ca.keystore;

import io.clusterca.ca.crypto.Crypto;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * KEKs derived from a passphrase with Argon2id (a random 128-bit salt per version). Each version
 * stores a key-check value, HMAC-SHA256(KEK, "clusterca kek check" || version), so a wrong passphrase
 * is reported as such instead of surfacing later as an authentication failure on every key.
 */
final class PassphraseKekSource extends KekSource {
    static final int SALT_BYTES = 16;
    private static final byte[] CHECK_LABEL = "clusterca kek check".getBytes(StandardCharsets.US_ASCII);

    private final char[] passphrase;
    private final Argon2Params params;

    PassphraseKekSource(char[] passphrase, Argon2Params params) {
        if (passphrase.length == 0) {
            throw new IllegalArgumentException("KEK passphrase is empty");
        }
        this.passphrase = passphrase.clone();
        this.params = params;
    }

    @Override
    public String description() {
        return "Argon2id passphrase (memory " + params.memoryKiB() + " KiB, " + params.iterations() + " passes, "
                + params.parallelism() + " lanes)";
    }

    @Override
    Created create(int version, Instant created) {
        byte[] salt = Aes256Gcm.randomBytes(SALT_BYTES);
        byte[] key = deriveBytes(salt, params);
        try {
            return new Created(new KekFile.Derived(version, created, params, salt, checkValue(key, version)), Aes256Gcm.key(key));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    SecretKey derive(KekFile.Derived file) {
        byte[] key = deriveBytes(file.salt(), file.params());
        try {
            if (!MessageDigest.isEqual(checkValue(key, file.version()), file.check())) {
                throw new SealedKeyException("KEK version " + file.version()
                        + ": wrong passphrase (key-check value does not match)");
            }
            return Aes256Gcm.key(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private byte[] deriveBytes(byte[] salt, Argon2Params p) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(p.memoryKiB())
                .withIterations(p.iterations())
                .withParallelism(p.parallelism())
                .build());
        byte[] key = new byte[Aes256Gcm.KEY_BYTES];
        generator.generateBytes(passphrase, key);
        return key;
    }

    private static byte[] checkValue(byte[] key, int version) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256", Crypto.BC);
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(CHECK_LABEL);
            mac.update(ByteBuffer.allocate(4).putInt(version).array());
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
