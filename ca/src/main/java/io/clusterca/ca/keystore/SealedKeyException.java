package io.clusterca.ca.keystore;

/**
 * A sealed key or KEK cannot be read or written: authentication failed (wrong KEK, wrong passphrase,
 * tampered or swapped file), a file is malformed, or a KEK a key needs is missing. The message names
 * the key id or KEK version and the reason; it never contains key material.
 */
public class SealedKeyException extends RuntimeException {
    public SealedKeyException(String message) {
        super(message);
    }

    public SealedKeyException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The KEK version a key file names is not (or no longer) in the ring; a reader may retry once. */
    static final class MissingKek extends SealedKeyException {
        private final int version;

        MissingKek(int version, String message) {
            super(message);
            this.version = version;
        }

        int version() {
            return version;
        }
    }
}
