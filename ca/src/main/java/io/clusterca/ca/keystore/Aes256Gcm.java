package io.clusterca.ca.keystore;

import io.clusterca.ca.crypto.Crypto;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM with a 96-bit random nonce and a 128-bit tag, through the engine's BouncyCastle provider. */
final class Aes256Gcm {
    static final int KEY_BYTES = 32;
    static final int TAG_BITS = 128;

    private Aes256Gcm() {}

    static SecretKey key(byte[] raw) {
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("AES-256 keys are " + KEY_BYTES + " bytes");
        }
        return new SecretKeySpec(raw, "AES");
    }

    static byte[] randomBytes(int length) {
        byte[] out = new byte[length];
        Crypto.random().nextBytes(out);
        return out;
    }

    static byte[] encrypt(SecretKey key, byte[] nonce, byte[] plaintext, byte[] aad) {
        try {
            return cipher(Cipher.ENCRYPT_MODE, key, nonce, aad).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** @throws AEADBadTagException when the key, nonce, AAD or ciphertext is not the one sealed */
    static byte[] decrypt(SecretKey key, byte[] nonce, byte[] ciphertext, byte[] aad) throws AEADBadTagException {
        try {
            return cipher(Cipher.DECRYPT_MODE, key, nonce, aad).doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, byte[] aad) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", Crypto.BC);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(aad);
        return cipher;
    }
}
