package io.clusterca.ca.keystore;

/**
 * The points between the durable steps of KEK rotation and re-wrap. A crash (kill -9) can stop a
 * mutation at any of them; tests stop there on purpose and prove every key is still readable.
 */
interface Checkpoints {
    Checkpoints NONE = point -> { };

    void reached(Point point);

    enum Point {
        /** rotate: the new version's file is on disk, the pointer still names the old one */
        KEK_FILE_WRITTEN,
        /** rotate: the pointer names the new version */
        KEK_MADE_CURRENT,
        /** rewrap: one more key file now names the current KEK */
        KEY_REWRAPPED,
        /** rewrap: every key decrypts under the current KEK; no old KEK deleted yet */
        KEYS_VERIFIED,
        /** rewrap: one old KEK version was deleted */
        OLD_KEK_DELETED
    }
}
