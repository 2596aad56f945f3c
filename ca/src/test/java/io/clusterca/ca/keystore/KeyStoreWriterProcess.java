package io.clusterca.ca.keystore;

import io.clusterca.ca.events.EventSink;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A second process on the same data dir, as the CLI next to a running server: stores {@code count}
 * keys named {@code <prefix>/<n>}, rotating the KEK and re-wrapping halfway. Prints {@code opened} once
 * the store is open so the test can start its own writes at the same moment.
 * Arguments: data dir, prefix, count, instant of the rotation.
 */
public final class KeyStoreWriterProcess {
    private KeyStoreWriterProcess() {}

    public static void main(String[] args) {
        Path dataDir = Path.of(args[0]);
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        Instant rotation = Instant.parse(args[3]);
        SealedKeyStore store = SealedKeyStore.open(dataDir, KekSource.random(), EventSink.NONE, Clock.fixed(rotation, ZoneOffset.UTC));
        PrivateKey key = TestKeys.ecP256().getPrivate();
        System.out.println("opened");
        System.out.flush();
        for (int i = 0; i < count; i++) {
            store.put(prefix + "/" + i, key);
            if (i == count / 2) {
                store.rotateKek(rotation);
                store.rewrap();
            }
        }
        System.out.println("stored " + count);
    }
}
