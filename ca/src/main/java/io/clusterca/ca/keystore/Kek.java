package io.clusterca.ca.keystore;

import java.time.Instant;
import javax.crypto.SecretKey;

/** An unlocked key-encryption key of the ring. */
record Kek(int version, Instant created, SecretKey key) {
    @Override
    public String toString() {
        return "Kek[version=" + version + ", created=" + created + "]";
    }
}
