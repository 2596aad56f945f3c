package io.clusterca.ca.sakeys;

import static io.clusterca.ca.sakeys.RingFixture.T0;
import static io.clusterca.ca.sakeys.RingFixture.day;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.crypto.Crypto;
import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.events.Event;
import io.clusterca.ca.events.EventType;
import io.clusterca.ca.sakeys.KeyRing.PreviousKey;
import io.clusterca.ca.sakeys.Transition.Reason;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operator commands: {@code keys rotate-sa [--now]}, adoption of an existing key, and their events. */
class KeyRingRotationTest {
    private static final Duration LEAD = Duration.ofHours(1);

    @TempDir
    Path tmp;
    RingFixture fx;
    KeyRing ring;

    @BeforeEach
    void setUp() {
        fx = RingFixture.fast(tmp);
        ring = fx.open();
    }

    @Test
    void rotateOnAnEmptyRingCreatesTheFirstActiveKey() {
        List<Transition> t = ring.rotate(T0);

        assertEquals(1, t.size());
        assertEquals(Reason.BOOTSTRAP, t.get(0).reason());
        assertEquals(KeyState.ACTIVE, t.get(0).to());
    }

    @Test
    void rotatePublishesAPendingKeyThatDoesNotSignYet() {
        ring.tick(T0);
        String first = activeKid();

        List<Transition> t = ring.rotate(day(3));

        SaKey pending = ring.current().pending().orElseThrow();
        assertEquals(List.of(new Transition(pending.kid(), Optional.empty(), KeyState.PENDING, day(3), Reason.ROTATION_REQUESTED)), t);
        assertEquals(first, activeKid());
    }

    @Test
    void rotateWhileAKeyIsPendingDoesNothing() {
        ring.tick(T0);
        ring.rotate(day(3));
        long revision = ring.current().revision();

        assertEquals(List.of(), ring.rotate(day(3).plus(Duration.ofMinutes(10))));
        assertEquals(revision, ring.current().revision());
        assertEquals(2, ring.current().published().size());
    }

    @Test
    void aRequestedRotationActivatesOnTheFirstTickAfterThePublishLead() {
        ring.tick(T0);
        String first = activeKid();
        ring.rotate(day(3));

        assertEquals(List.of(), ring.tick(day(3).plus(LEAD).minusMillis(1)));
        ring.tick(day(3).plus(LEAD));

        assertNotEquals(first, activeKid());
        assertEquals(KeyState.VERIFYING, ring.current().find(first).orElseThrow().state());
        assertEquals(day(48), RotationSchedule.rotationDue(ring.current().active().orElseThrow(), fx.policy).minus(LEAD),
                "the next rotation counts from the new key's activation");
    }

    @Test
    void rotateNowActivatesAFreshKeyAtOnceAndKeepsTheOldOneVerifying() {
        ring.tick(T0);
        String first = activeKid();

        List<Transition> t = ring.rotateNow(day(3), PreviousKey.KEEP_VERIFYING);

        String second = activeKid();
        assertEquals(List.of(
                new Transition(second, Optional.empty(), KeyState.ACTIVE, day(3), Reason.IMMEDIATE_ROTATION),
                new Transition(first, Optional.of(KeyState.ACTIVE), KeyState.VERIFYING, day(3), Reason.SUPERSEDED)), t);
        assertEquals(List.of(second, first), publishedKids());
    }

    @Test
    void rotateNowRetiresAPendingKeyThatNeverSigned() {
        ring.tick(T0);
        ring.rotate(day(3));
        String pending = ring.current().pending().orElseThrow().kid();

        List<Transition> t = ring.rotateNow(day(3).plusSeconds(60), PreviousKey.KEEP_VERIFYING);

        assertEquals(new Transition(pending, Optional.of(KeyState.PENDING), KeyState.RETIRED, day(3).plusSeconds(60),
                Reason.SUPERSEDED), t.get(0));
        assertNotEquals(pending, activeKid(), "a fresh key, not the one that waited");
        assertFalse(fx.vault.ids().contains("sa/" + pending));
    }

    @Test
    void rotateNowRetiringThePreviousKeyRemovesItFromTheJwksAndTheVault() {
        ring.tick(T0);
        String first = activeKid();

        List<Transition> t = ring.rotateNow(day(3), PreviousKey.RETIRE);

        assertEquals(new Transition(first, Optional.of(KeyState.VERIFYING), KeyState.RETIRED, day(3), Reason.COMPROMISED),
                t.get(t.size() - 1));
        assertEquals(List.of(activeKid()), publishedKids());
        assertFalse(fx.vault.ids().contains("sa/" + first));
    }

    @Test
    void everyTransitionIsPublishedAsAnEventKeyedByKid() {
        ring.tick(T0);
        String first = activeKid();
        ring.rotateNow(day(3), PreviousKey.RETIRE);
        String second = activeKid();

        List<Event> events = fx.events.published;
        assertEquals(List.of(EventType.SA_KEY_ROTATED, EventType.SA_KEY_ROTATED, EventType.SA_KEY_ROTATED, EventType.SA_KEY_RETIRED),
                events.stream().map(Event::type).toList());
        assertEquals(Map.of("kid", second, "from", "none", "to", "active", "reason", "immediate-rotation"), events.get(1).facts());
        assertEquals(Map.of("kid", first, "from", "verifying", "to", "retired", "reason", "compromised"), events.get(3).facts());
        assertEquals(Optional.of(first), events.get(3).key());
        assertEquals(day(3), events.get(3).time());
    }

    @Test
    void adoptTakesOverAnExistingKeyAsTheActiveKey() {
        KeyPair kubeadmKey = KeyAlgorithm.RSA_2048.generate();

        List<Transition> t = ring.adopt(kubeadmKey, T0);

        assertEquals(KeyId.of(kubeadmKey.getPublic()), activeKid());
        assertEquals(Reason.ADOPTED, t.get(0).reason());
        assertEquals(KeyAlgorithm.RSA_2048, ring.current().active().orElseThrow().algorithm());
        assertEquals(kubeadmKey.getPrivate(), fx.vault.get("sa/" + activeKid()).orElseThrow());
    }

    @Test
    void adoptRefusesAPrivateKeyThatDoesNotBelongToThePublicKey() {
        KeyPair a = KeyAlgorithm.ECDSA_P256.generate();
        KeyPair b = KeyAlgorithm.ECDSA_P256.generate();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ring.adopt(new KeyPair(a.getPublic(), b.getPrivate()), T0));
        assertEquals("the private key does not belong to the public key", e.getMessage());
        assertTrue(ring.current().keys().isEmpty());
    }

    @Test
    void adoptRefusesKeysKubeApiserverCannotUseOrThatAreTooWeak() throws Exception {
        KeyPairGenerator k1 = KeyPairGenerator.getInstance("EC", Crypto.BC);
        k1.initialize(new ECGenParameterSpec("secp256k1"));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA", Crypto.BC);
        rsa.initialize(1024);

        assertEquals("unsupported EC curve secp256k1; must be P-256, P-384 or P-521",
                assertThrows(IllegalArgumentException.class, () -> ring.adopt(k1.generateKeyPair(), T0)).getMessage());
        assertEquals("RSA key of 1024 bits is too weak; at least 2048 bits are required",
                assertThrows(IllegalArgumentException.class, () -> ring.adopt(rsa.generateKeyPair(), T0)).getMessage());
        assertTrue(ring.current().keys().isEmpty());
    }

    @Test
    void adoptRefusesARingThatAlreadyHasKeys() {
        ring.tick(T0);

        assertThrows(IllegalStateException.class, () -> ring.adopt(KeyAlgorithm.ECDSA_P256.generate(), T0));
        assertEquals(1, ring.current().keys().size());
    }

    @Test
    void statusReportsKeysPerStateTheActiveKidAndTheNextRotation() {
        assertFalse(ring.status(T0).ready());
        assertEquals("no active service-account signing key", ring.status(T0).describe());
        ring.tick(T0);
        ring.rotate(day(3));

        KeyRingStatus status = ring.status(day(3));

        assertTrue(status.ready());
        assertEquals(Optional.of(activeKid()), status.activeKid());
        assertEquals(1L, status.keysByState().get(KeyState.ACTIVE));
        assertEquals(1L, status.keysByState().get(KeyState.PENDING));
        assertEquals(0L, status.keysByState().get(KeyState.VERIFYING));
        assertEquals(Optional.of(day(3).plus(LEAD)), status.nextActivation());
        assertTrue(status.describe().startsWith("active " + activeKid() + ", 1 pending, 0 verifying, next rotation "), status.describe());
    }

    @Test
    void statusIsNotReadyWhenTheActivePrivateKeyIsMissingFromTheVault() {
        ring.tick(T0);
        fx.vault.delete("sa/" + activeKid());

        KeyRingStatus status = ring.status(T0);

        assertFalse(status.ready());
        assertTrue(status.describe().endsWith("is missing from the vault"), status.describe());
    }

    @Test
    void concurrentRotationsOnOneRingNeverLeaveTwoPendingKeys() throws Exception {
        ring.tick(T0);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Transition>>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return ring.rotate(day(3));
                }));
            }
            start.countDown();
            long created = 0;
            for (var r : results) {
                created += r.get().size();
            }

            assertEquals(1, created, "exactly one caller created the pending key");
            assertEquals(1, ring.current().count(KeyState.PENDING));
            assertEquals(2, ring.current().revision(), "one write for the first key, one for the pending key");
        } finally {
            pool.shutdownNow();
        }
    }

    private String activeKid() {
        return ring.current().active().orElseThrow().kid();
    }

    private List<String> publishedKids() {
        return ring.current().published().stream().map(SaKey::kid).toList();
    }
}
