package io.clusterca.ca.keystore;

import static io.clusterca.ca.keystore.TestKeys.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.events.EventSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A kill -9 can stop rotation or re-wrap between any two durable steps. Each test stops a mutation at
 * one {@link Checkpoints.Point} (the rest of the mutation never runs, as after a crash), opens a fresh
 * instance on the data dir, and checks that every key is readable and that the next run completes.
 */
class KekCrashSafetyTest {
    @TempDir
    Path dataDir;
    final Map<String, KeyPair> keys = new LinkedHashMap<>();

    /** Three keys under KEK versions 1, 2 and 3 (current), so re-wrap has two keys and two KEKs to process. */
    @BeforeEach
    void storeKeysUnderThreeKekVersions() {
        SealedKeyStore store = TestKeys.openRandom(dataDir);
        keys.put("ca/kubernetes-ca", TestKeys.ecP384());
        keys.put("sa/kid-1", TestKeys.rsa2048());
        keys.put("serving/current", TestKeys.ed25519());
        int version = 1;
        for (Map.Entry<String, KeyPair> entry : keys.entrySet()) {
            if (version > 1) {
                store.rotateKek(T0.plus(Duration.ofDays(version)));
            }
            store.put(entry.getKey(), entry.getValue().getPrivate());
            version++;
        }
    }

    @ParameterizedTest
    @EnumSource(value = Checkpoints.Point.class, names = {"KEK_FILE_WRITTEN", "KEK_MADE_CURRENT"})
    void crashDuringRotationLeavesEveryKeyReadable(Checkpoints.Point point) {
        assertThrows(SimulatedCrash.class, () -> crashingAt(point, 1).rotateKek(T0.plus(Duration.ofDays(10))));

        SealedKeyStore restarted = TestKeys.openRandom(dataDir);

        assertEveryKeyReadable(restarted);
        restarted.put("after-crash", TestKeys.ecP256().getPrivate());
        assertTrue(restarted.get("after-crash").isPresent());
    }

    @Test
    void crashBeforeTheNewKekIsCurrentKeepsThePreviousOneAndNeverReusesTheNumber() {
        assertThrows(SimulatedCrash.class, () -> crashingAt(Checkpoints.Point.KEK_FILE_WRITTEN, 1).rotateKek(T0.plus(Duration.ofDays(10))));

        SealedKeyStore restarted = TestKeys.openRandom(dataDir);
        assertEquals(3, restarted.status().currentKekVersion());
        assertEquals(Set.of(1, 2, 3, 4), restarted.status().kekVersionsStored());

        assertEquals(5, restarted.rotateKek(T0.plus(Duration.ofDays(11))));
        assertEquals(new RewrapSummary(5, 3, 3, Set.of(1, 2, 3, 4)), restarted.rewrap());
        assertEveryKeyReadable(restarted);
    }

    @ParameterizedTest(name = "crash at {0} #{1}")
    @CsvSource({"KEY_REWRAPPED, 1", "KEY_REWRAPPED, 2", "KEYS_VERIFIED, 1", "OLD_KEK_DELETED, 1", "OLD_KEK_DELETED, 2"})
    void crashDuringRewrapLeavesEveryKeyReadable(Checkpoints.Point point, int occurrence) {
        assertThrows(SimulatedCrash.class, () -> crashingAt(point, occurrence).rewrap());

        SealedKeyStore restarted = TestKeys.openRandom(dataDir);

        assertEveryKeyReadable(restarted);
    }

    @ParameterizedTest(name = "crash at {0} #{1}")
    @CsvSource({"KEY_REWRAPPED, 1", "KEY_REWRAPPED, 2", "KEYS_VERIFIED, 1", "OLD_KEK_DELETED, 1"})
    void rewrapAfterACrashFinishesTheJob(Checkpoints.Point point, int occurrence) {
        assertThrows(SimulatedCrash.class, () -> crashingAt(point, occurrence).rewrap());

        SealedKeyStore restarted = TestKeys.openRandom(dataDir);
        RewrapSummary summary = restarted.rewrap();

        assertEquals(3, summary.verified());
        assertEquals(Set.of(3), restarted.status().kekVersionsStored());
        assertEquals(Set.of(3), restarted.status().kekVersionsInUse());
        assertEveryKeyReadable(restarted);
    }

    @Test
    void kekWrittenWithoutItsPointerOnFirstOpenIsSkippedOnReopen(@TempDir Path fresh) throws Exception {
        TestKeys.openRandom(fresh);
        Files.delete(fresh.resolve("kek/current")); // as if the first open died after writing v1.kek

        SealedKeyStore restarted = TestKeys.openRandom(fresh);
        KeyPair pair = TestKeys.ecP256();
        restarted.put("a", pair.getPrivate());

        assertEquals(2, restarted.status().currentKekVersion());
        assertArrayEquals(pair.getPrivate().getEncoded(), TestKeys.openRandom(fresh).get("a").orElseThrow().getEncoded());
    }

    private SealedKeyStore crashingAt(Checkpoints.Point point, int occurrence) {
        AtomicInteger seen = new AtomicInteger();
        Checkpoints crash = reached -> {
            if (reached == point && seen.incrementAndGet() == occurrence) {
                throw new SimulatedCrash();
            }
        };
        return SealedKeyStore.open(dataDir, KekSource.random(), EventSink.NONE, TestKeys.CLOCK,
                SealedKeyStore.DEFAULT_KEK_ROTATION_PERIOD, crash);
    }

    private void assertEveryKeyReadable(SealedKeyStore store) {
        keys.forEach((id, pair) ->
                assertArrayEquals(pair.getPrivate().getEncoded(), store.get(id).orElseThrow().getEncoded(), id));
    }

    private static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash() {
            super("simulated crash", null, false, false);
        }
    }
}
