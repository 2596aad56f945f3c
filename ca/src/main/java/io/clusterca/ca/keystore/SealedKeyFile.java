package io.clusterca.ca.keystore;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One sealed key as stored in {@code keys/<hex id>.key}:
 *
 * <pre>
 * magic "CCAK" | format version (1 byte) | id length (u16) | id (ASCII) | KEK version (i32)
 * | wrap nonce (12) | wrapped DEK length (u8) | wrapped DEK | data nonce (12) | ciphertext+tag
 * </pre>
 *
 * Every header byte is authenticated. The DEK is wrapped with AES-256-GCM under the KEK with AAD =
 * {@link #wrapAad()} (magic, format, id and KEK version); the PKCS#8 key is encrypted under the DEK with
 * AAD = {@link #dataAad()} (magic, format and id). Nonces and the wrapped DEK are the GCM inputs
 * themselves. The data AAD leaves out the KEK version so a re-wrap replaces only the wrapped DEK.
 */
record SealedKeyFile(String id, int kekVersion, byte[] wrapNonce, byte[] wrappedDek, byte[] dataNonce, byte[] ciphertext) {
    static final byte[] MAGIC = {'C', 'C', 'A', 'K'};
    static final byte FORMAT_VERSION = 1;
    static final int NONCE_BYTES = 12;

    SealedKeyFile {
        KeyFileNames.requireValidId(id);
        if (wrapNonce.length != NONCE_BYTES || dataNonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("nonces are " + NONCE_BYTES + " bytes");
        }
        if (wrappedDek.length == 0 || wrappedDek.length > 255) {
            throw new IllegalArgumentException("wrapped DEK length out of range");
        }
    }

    SealedKeyFile withWrappedDek(int newKekVersion, byte[] newWrapNonce, byte[] newWrappedDek) {
        return new SealedKeyFile(id, newKekVersion, newWrapNonce, newWrappedDek, dataNonce, ciphertext);
    }

    byte[] dataAad() {
        return dataAad(id);
    }

    byte[] wrapAad() {
        return wrapAad(id, kekVersion);
    }

    /** AAD of the data encryption: binds the ciphertext to the id and format. */
    static byte[] dataAad(String id) {
        byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(MAGIC.length + 1 + 2 + idBytes.length)
                .put(MAGIC).put(FORMAT_VERSION).putShort((short) idBytes.length).put(idBytes).array();
    }

    /** AAD of the DEK wrap: binds the wrapped DEK to the id, format and KEK version. */
    static byte[] wrapAad(String id, int kekVersion) {
        byte[] binding = dataAad(id);
        return ByteBuffer.allocate(binding.length + 4).put(binding).putInt(kekVersion).array();
    }

    byte[] encode() {
        byte[] binding = dataAad();
        return ByteBuffer.allocate(binding.length + 4 + NONCE_BYTES + 1 + wrappedDek.length + NONCE_BYTES + ciphertext.length)
                .put(binding)
                .putInt(kekVersion)
                .put(wrapNonce)
                .put((byte) wrappedDek.length)
                .put(wrappedDek)
                .put(dataNonce)
                .put(ciphertext)
                .array();
    }

    /**
     * Parses the header. Authenticity is checked later by decryption; this only refuses bytes that
     * cannot be a sealed key file of a format we know.
     *
     * @throws IllegalArgumentException with the reason
     */
    static SealedKeyFile parse(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            byte[] magic = get(in, MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException("not a sealed key file (bad magic)");
            }
            byte format = in.get();
            if (format != FORMAT_VERSION) {
                throw new IllegalArgumentException("unsupported sealed key format version " + format);
            }
            int idLength = Short.toUnsignedInt(in.getShort());
            String id = new String(get(in, idLength), StandardCharsets.US_ASCII);
            if (!KeyFileNames.isValidId(id)) {
                throw new IllegalArgumentException("malformed key id in header");
            }
            int kekVersion = in.getInt();
            if (kekVersion < 1) {
                throw new IllegalArgumentException("invalid KEK version " + kekVersion + " in header");
            }
            byte[] wrapNonce = get(in, NONCE_BYTES);
            int wrappedLength = Byte.toUnsignedInt(in.get());
            if (wrappedLength == 0) {
                throw new IllegalArgumentException("empty wrapped DEK");
            }
            byte[] wrappedDek = get(in, wrappedLength);
            byte[] dataNonce = get(in, NONCE_BYTES);
            byte[] ciphertext = get(in, in.remaining());
            if (ciphertext.length == 0) {
                throw new IllegalArgumentException("no ciphertext");
            }
            return new SealedKeyFile(id, kekVersion, wrapNonce, wrappedDek, dataNonce, ciphertext);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated sealed key file");
        }
    }

    private static byte[] get(ByteBuffer in, int length) {
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }
}
