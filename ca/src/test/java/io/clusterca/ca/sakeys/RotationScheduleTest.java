package io.clusterca.ca.sakeys;

import static io.clusterca.ca.sakeys.RingFixture.T0;
import static io.clusterca.ca.sakeys.RingFixture.day;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.sakeys.RotationSchedule.Activate;
import io.clusterca.ca.sakeys.RotationSchedule.CreateKey;
import io.clusterca.ca.sakeys.RotationSchedule.Retire;
import io.clusterca.ca.sakeys.Transition.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules as pure functions of (ring, policy, now): no vault, no files, no key generation per step. */
class RotationScheduleTest {
    private static final RotationPolicy POLICY = RotationPolicy.defaults().withAlgorithm(KeyAlgorithm.ECDSA_P256);

    @Test
    void anEmptyRingNeedsAnActiveKeyAtOnce() {
        assertEquals(Optional.of(new CreateKey(true, Reason.BOOTSTRAP)), RotationSchedule.next(KeyRingState.EMPTY, POLICY, T0));
        assertEquals(T0, RotationSchedule.nextDue(KeyRingState.EMPTY, POLICY, T0));
    }

    @Test
    void anActiveKeyPastItsValidityHandsOverToThePendingKeyEvenBeforeTheLead() {
        SaKey old = activeKey(T0);
        SaKey pending = pendingKey(day(90).minusSeconds(60));
        KeyRingState ring = new KeyRingState(1, List.of(old, pending));

        assertEquals(Optional.of(new Activate(pending.kid(), Reason.VALIDITY_ENDED)), RotationSchedule.next(ring, POLICY, day(90)));
        assertEquals(Optional.empty(), RotationSchedule.next(ring, POLICY, day(90).minusSeconds(1)),
                "before notAfter the lead is honoured");
    }

    @Test
    void theRotationIsNeverScheduledAfterTheActiveKeysNotAfter() {
        // A key that waited (hand-edited ring) 50 days before activating: 45 days of signing would pass day 90.
        SaKey late = pendingKey(T0).activated(day(50));
        assertEquals(day(90), late.notAfter());

        assertEquals(day(90), RotationSchedule.rotationDue(late, POLICY));
        assertEquals(day(90).minus(Duration.ofHours(1)), RotationSchedule.successorDue(late, POLICY));
    }

    @Test
    void theOldestDueVerifyingKeyIsRetiredFirst() {
        SaKey active = activeKey(day(10));
        SaKey older = verifyingKey(T0, day(2));
        SaKey newer = verifyingKey(day(1), day(3));
        KeyRingState ring = new KeyRingState(1, List.of(active, newer, older));

        assertEquals(Optional.of(new Retire(older.kid(), Reason.TOKENS_EXPIRED)), RotationSchedule.next(ring, POLICY, day(5)));
    }

    @Test
    void aPendingKeyWaitsForTheLeadEvenWhenTheRotationIsOverdue() {
        SaKey active = activeKey(T0);
        SaKey pending = pendingKey(day(60));

        KeyRingState ring = new KeyRingState(1, List.of(active, pending));

        assertEquals(Optional.empty(), RotationSchedule.next(ring, POLICY, day(60).plusSeconds(3599)));
        assertEquals(day(60).plusSeconds(3600), RotationSchedule.nextDue(ring, POLICY, day(60)));
    }

    @Test
    void aRingWithTwoPendingKeysOrNoActiveKeyIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new KeyRingState(1, List.of(activeKey(T0), pendingKey(day(1)), pendingKey(day(2)))));
        assertEquals("the ring publishes keys but none is active",
                assertThrows(IllegalArgumentException.class, () -> new KeyRingState(1, List.of(pendingKey(T0)))).getMessage());
    }

    private static SaKey pendingKey(Instant created) {
        return SaKey.pending(KeyAlgorithm.ECDSA_P256.generate().getPublic(), KeyAlgorithm.ECDSA_P256, created, POLICY);
    }

    private static SaKey activeKey(Instant created) {
        return pendingKey(created).activated(created);
    }

    private static SaKey verifyingKey(Instant created, Instant stopped) {
        return activeKey(created).deactivated(stopped);
    }
}
