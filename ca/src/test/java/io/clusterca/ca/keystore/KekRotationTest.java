package io.clusterca.ca.keystore;

import static io.clusterca.ca.keystore.TestKeys.T0;
import static io.clusterca.ca.keystore.TestKeys.openRandom;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.events.Event;
import io.clusterca.ca.events.EventType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KekRotationTest {
    private static final Instant DAY_1 = T0.plus(Duration.ofDays(1));
    private static final Instant DAY_2 = T0.plus(Duration.ofDays(2));

    @TempDir
    Path dataDir;

    @Test
    void aNewStoreStartsWithKekVersionOne() {
        KeyStoreStatus status = openRandom(dataDir).status();

        assertEquals(1, status.currentKekVersion());
        assertEquals(T0, status.currentKekCreated());
        assertEquals(Set.of(1), status.kekVersionsStored());
    }

    @Test
    void keysStoredAfterRotationAreWrappedWithTheNewKek() {
        SealedKeyStore store = openRandom(dataDir);

        assertEquals(2, store.rotateKek(DAY_1));
        store.put("ca/kubernetes-ca", TestKeys.ecP256().getPrivate());

        assertEquals(2, SealedKeyFile.parse(TestKeys.read(TestKeys.onlyKeyFile(dataDir))).kekVersion());
        assertEquals(DAY_1, store.status().currentKekCreated());
    }

    @Test
    void keysStoredBeforeAndAfterRotationAreBothReadable() {
        SealedKeyStore store = openRandom(dataDir);
        KeyPair before = TestKeys.ecP384();
        KeyPair after = TestKeys.ecP384();
        store.put("before", before.getPrivate());
        store.rotateKek(DAY_1);
        store.put("after", after.getPrivate());

        assertArrayEquals(before.getPrivate().getEncoded(), store.get("before").orElseThrow().getEncoded());
        assertArrayEquals(after.getPrivate().getEncoded(), store.get("after").orElseThrow().getEncoded());
        assertEquals(Set.of(1, 2), store.status().kekVersionsInUse());
    }

    @Test
    void rewrapMovesEveryKeyToTheCurrentKekAndDeletesTheOthers() {
        SealedKeyStore store = openRandom(dataDir);
        Map<String, KeyPair> pairs = Map.of("a", TestKeys.ecP384(), "b", TestKeys.rsa2048(), "c", TestKeys.ed25519());
        store.put("a", pairs.get("a").getPrivate());
        store.rotateKek(DAY_1);
        store.put("b", pairs.get("b").getPrivate());
        store.rotateKek(DAY_2);
        store.put("c", pairs.get("c").getPrivate());

        RewrapSummary summary = store.rewrap();

        assertEquals(new RewrapSummary(3, 2, 3, Set.of(1, 2)), summary);
        assertFalse(Files.exists(dataDir.resolve("kek/v1.kek")));
        assertFalse(Files.exists(dataDir.resolve("kek/v2.kek")));
        pairs.forEach((id, pair) -> assertArrayEquals(pair.getPrivate().getEncoded(), store.get(id).orElseThrow().getEncoded(), id));
        assertEquals(Set.of(3), store.status().kekVersionsInUse());
        assertEquals(Set.of(3), store.status().kekVersionsStored());
    }

    @Test
    void rewrapReplacesOnlyTheWrappedDataKey() {
        SealedKeyStore store = openRandom(dataDir);
        store.put("a", TestKeys.ecP256().getPrivate());
        SealedKeyFile before = SealedKeyFile.parse(TestKeys.read(TestKeys.onlyKeyFile(dataDir)));
        store.rotateKek(DAY_1);

        store.rewrap();

        SealedKeyFile after = SealedKeyFile.parse(TestKeys.read(TestKeys.onlyKeyFile(dataDir)));
        assertEquals(2, after.kekVersion());
        assertArrayEquals(before.dataNonce(), after.dataNonce());
        assertArrayEquals(before.ciphertext(), after.ciphertext());
        assertFalse(Arrays.equals(before.wrappedDek(), after.wrappedDek()));
    }

    @Test
    void rewrapWithEveryKeyCurrentChangesNothing() {
        SealedKeyStore store = openRandom(dataDir);
        store.put("a", TestKeys.ecP256().getPrivate());

        assertEquals(new RewrapSummary(1, 0, 1, Set.of()), store.rewrap());
        assertEquals(Set.of(1), store.status().kekVersionsStored());
    }

    @Test
    void rewrapWithoutKeysDeletesEveryOldKek() {
        SealedKeyStore store = openRandom(dataDir);
        store.rotateKek(DAY_1);
        store.rotateKek(DAY_2);

        assertEquals(new RewrapSummary(3, 0, 0, Set.of(1, 2)), store.rewrap());
    }

    @Test
    void rewrapKeepsOldKeksWhenAKeyFailsToDecrypt() {
        SealedKeyStore store = openRandom(dataDir);
        store.put("a", TestKeys.ecP256().getPrivate());
        store.rotateKek(DAY_1);
        Path file = TestKeys.onlyKeyFile(dataDir);
        byte[] bytes = TestKeys.read(file);
        bytes[bytes.length - 1] ^= 1;
        TestKeys.write(file, bytes);

        SealedKeyException e = assertThrows(SealedKeyException.class, store::rewrap);

        assertEquals("key a: authentication failed decrypting the key data (tampered file)", e.getMessage());
        assertTrue(Files.exists(dataDir.resolve("kek/v1.kek")));
    }

    @Test
    void rotationPublishesKekRotatedWithTheVersionOnly() {
        List<Event> events = new CopyOnWriteArrayList<>();
        SealedKeyStore store = SealedKeyStore.open(dataDir, KekSource.random(), events::add, TestKeys.CLOCK);

        store.rotateKek(DAY_1);

        assertEquals(1, events.size());
        Event event = events.get(0);
        assertEquals(EventType.KEK_ROTATED, event.type());
        assertEquals(DAY_1, event.time());
        assertEquals(Map.of("kekVersion", 2), event.facts());
    }

    @Test
    void kekTwentyNineDaysOldNeedsNoRotation() {
        assertFalse(openRandom(dataDir).needsKekRotation(T0.plus(Duration.ofDays(29))));
    }

    @Test
    void kekExactlyThirtyDaysOldIsDueForRotation() {
        assertTrue(openRandom(dataDir).needsKekRotation(T0.plus(Duration.ofDays(30))));
    }

    @Test
    void kekThirtyOneDaysOldNeedsRotation() {
        assertTrue(openRandom(dataDir).needsKekRotation(T0.plus(Duration.ofDays(31))));
    }

    @Test
    void rotationResetsTheAgeOfTheCurrentKek() {
        SealedKeyStore store = openRandom(dataDir);
        Instant day31 = T0.plus(Duration.ofDays(31));

        store.rotateKek(day31);

        assertFalse(store.needsKekRotation(day31.plus(Duration.ofDays(29))));
    }

    @Test
    void rotationPeriodIsConfigurable() {
        SealedKeyStore store = SealedKeyStore.open(dataDir, KekSource.random(), e -> { }, TestKeys.CLOCK, Duration.ofDays(7));

        assertFalse(store.needsKekRotation(T0.plus(Duration.ofDays(6))));
        assertTrue(store.needsKekRotation(T0.plus(Duration.ofDays(8))));
    }

    @Test
    void aRunningInstanceSeesRotationAndRewrapDoneByAnother() {
        SealedKeyStore server = openRandom(dataDir);
        KeyPair pair = TestKeys.ecP384();
        server.put("ca/kubernetes-ca", pair.getPrivate());
        server.get("ca/kubernetes-ca"); // warms the server's KEK cache with version 1

        SealedKeyStore cli = openRandom(dataDir);
        cli.rotateKek(DAY_1);
        cli.rewrap();

        assertArrayEquals(pair.getPrivate().getEncoded(), server.get("ca/kubernetes-ca").orElseThrow().getEncoded());
        assertEquals(2, server.status().currentKekVersion());
        server.put("serving/current", TestKeys.ecP256().getPrivate());
        assertEquals(Set.of(2), cli.status().kekVersionsInUse());
    }
}
