package io.clusterca.ca.keystore;

import java.util.Arrays;
import javax.crypto.AEADBadTagException;

/**
 * Envelope encryption of one key: a fresh random DEK per key encrypts the PKCS#8 bytes, the current
 * KEK wraps the DEK. Raw DEK buffers are zeroed as soon as they are no longer needed.
 */
final class Envelope {
    private Envelope() {}

    static SealedKeyFile seal(String id, byte[] pkcs8, Kek kek) {
        byte[] dek = Aes256Gcm.randomBytes(Aes256Gcm.KEY_BYTES);
        try {
            byte[] dataNonce = Aes256Gcm.randomBytes(SealedKeyFile.NONCE_BYTES);
            byte[] ciphertext = Aes256Gcm.encrypt(Aes256Gcm.key(dek), dataNonce, pkcs8, SealedKeyFile.dataAad(id));
            byte[] wrapNonce = Aes256Gcm.randomBytes(SealedKeyFile.NONCE_BYTES);
            byte[] wrappedDek = Aes256Gcm.encrypt(kek.key(), wrapNonce, dek, SealedKeyFile.wrapAad(id, kek.version()));
            return new SealedKeyFile(id, kek.version(), wrapNonce, wrappedDek, dataNonce, ciphertext);
        } finally {
            Arrays.fill(dek, (byte) 0);
        }
    }

    /** The PKCS#8 bytes; the caller zeroes them after use. */
    static byte[] open(SealedKeyFile file, Kek kek) {
        byte[] dek = unwrapDek(file, kek);
        try {
            return Aes256Gcm.decrypt(Aes256Gcm.key(dek), file.dataNonce(), file.ciphertext(), file.dataAad());
        } catch (AEADBadTagException e) {
            throw new SealedKeyException("key " + file.id() + ": authentication failed decrypting the key data (tampered file)");
        } finally {
            Arrays.fill(dek, (byte) 0);
        }
    }

    /**
     * The same key ciphertext with its DEK re-wrapped under {@code to}. Only the DEK is re-wrapped: the
     * key's ciphertext (and its DEK) are unchanged, as in any envelope scheme; a new DEK comes with the
     * next {@code put} of that id.
     */
    static SealedKeyFile rewrap(SealedKeyFile file, Kek from, Kek to) {
        byte[] dek = unwrapDek(file, from);
        try {
            byte[] wrapNonce = Aes256Gcm.randomBytes(SealedKeyFile.NONCE_BYTES);
            byte[] wrappedDek = Aes256Gcm.encrypt(to.key(), wrapNonce, dek, SealedKeyFile.wrapAad(file.id(), to.version()));
            return file.withWrappedDek(to.version(), wrapNonce, wrappedDek);
        } finally {
            Arrays.fill(dek, (byte) 0);
        }
    }

    private static byte[] unwrapDek(SealedKeyFile file, Kek kek) {
        if (file.kekVersion() != kek.version()) {
            throw new IllegalArgumentException("key " + file.id() + " is wrapped with KEK version " + file.kekVersion()
                    + ", not " + kek.version());
        }
        byte[] dek;
        try {
            dek = Aes256Gcm.decrypt(kek.key(), file.wrapNonce(), file.wrappedDek(), file.wrapAad());
        } catch (AEADBadTagException e) {
            throw new SealedKeyException("key " + file.id() + ": authentication failed unwrapping its data key with KEK version "
                    + kek.version() + " (wrong KEK or tampered file)");
        }
        if (dek.length != Aes256Gcm.KEY_BYTES) {
            Arrays.fill(dek, (byte) 0);
            throw new SealedKeyException("key " + file.id() + ": wrapped data key has the wrong length");
        }
        return dek;
    }
}
