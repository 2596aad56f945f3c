package io.clusterca.ca.sakeys;

import static io.clusterca.ca.sakeys.RingFixture.T0;
import static io.clusterca.ca.sakeys.RingFixture.at;
import static io.clusterca.ca.sakeys.RingFixture.day;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.sakeys.Transition.Reason;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 45-day schedule, driven by an injected clock. */
class KeyRingScheduleTest {
    private static final Duration LEAD = Duration.ofHours(1);
    private static final Duration VERIFICATION = Duration.ofHours(25);
    private static final Duration MS = Duration.ofMillis(1);

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
    void firstTickCreatesExactlyOneActiveKey() {
        List<Transition> t = ring.tick(T0);

        SaKey active = ring.current().active().orElseThrow();
        assertEquals(List.of(new Transition(active.kid(), Optional.empty(), KeyState.ACTIVE, T0, Reason.BOOTSTRAP)), t);
        assertEquals(1, ring.current().keys().size());
        assertEquals(Optional.of(T0), active.activatedAt());
        assertEquals(day(90), active.notAfter());
        assertTrue(fx.vault.get("sa/" + active.kid()).isPresent());
    }

    @Test
    void nothingHappensUntilOneLeadBeforeTheRotation() {
        ring.tick(T0);

        assertEquals(List.of(), ring.tick(at(45, LEAD.negated().minus(MS))));
        assertEquals(1, ring.current().keys().size());
    }

    @Test
    void successorIsPublishedButNotSigningOneLeadBeforeTheRotation() {
        ring.tick(T0);
        String first = activeKid();

        List<Transition> t = ring.tick(day(45).minus(LEAD));

        SaKey pending = ring.current().pending().orElseThrow();
        assertEquals(List.of(new Transition(pending.kid(), Optional.empty(), KeyState.PENDING, day(45).minus(LEAD),
                Reason.ROTATION_SCHEDULED)), t);
        assertEquals(first, activeKid(), "the old key still signs");
        assertEquals(List.of(first, pending.kid()), publishedKids());
        assertTrue(JwksDocument.of(ring.current()).contains(pending.kid()));
    }

    @Test
    void successorActivatesOnScheduleAndThePreviousKeyKeepsVerifying() {
        ring.tick(T0);
        String first = activeKid();
        ring.tick(day(45).minus(LEAD));
        String second = ring.current().pending().orElseThrow().kid();
        assertEquals(List.of(), ring.tick(day(45).minus(MS)));

        List<Transition> t = ring.tick(day(45));

        assertEquals(List.of(
                new Transition(second, Optional.of(KeyState.PENDING), KeyState.ACTIVE, day(45), Reason.PUBLISH_LEAD_ELAPSED),
                new Transition(first, Optional.of(KeyState.ACTIVE), KeyState.VERIFYING, day(45), Reason.SUPERSEDED)), t);
        assertEquals(second, activeKid());
        assertEquals(List.of(second, first), publishedKids());
    }

    @Test
    void previousKeyIsRetiredOnceMaxTokenExpirationPlusMarginHasPassed() {
        ring.tick(T0);
        String first = activeKid();
        ring.tick(day(45).minus(LEAD));
        ring.tick(day(45));

        assertEquals(List.of(), ring.tick(day(45).plus(VERIFICATION).minus(MS)));
        List<Transition> t = ring.tick(day(45).plus(VERIFICATION));

        assertEquals(List.of(new Transition(first, Optional.of(KeyState.VERIFYING), KeyState.RETIRED,
                day(45).plus(VERIFICATION), Reason.TOKENS_EXPIRED)), t);
        assertEquals(List.of(activeKid()), publishedKids());
        assertFalse(JwksDocument.of(ring.current()).contains(first));
        assertFalse(fx.vault.ids().contains("sa/" + first), "private key deleted from the vault");
        assertEquals(KeyState.RETIRED, ring.current().find(first).orElseThrow().state(), "kept in the ring as history");
    }

    @Test
    void noKeyIsRetiredEarly() {
        ring.tick(T0);
        String first = activeKid();
        ring.tick(day(45).minus(LEAD));
        ring.tick(day(45));

        for (Instant t = day(45); t.isBefore(day(45).plus(VERIFICATION)); t = t.plus(Duration.ofMinutes(7))) {
            ring.tick(t);
            assertTrue(publishedKids().contains(first), "still published at " + t);
        }
        ring.tick(day(45).plus(VERIFICATION));
        assertFalse(publishedKids().contains(first));
    }

    @Test
    void tickIsIdempotentAtTheSameInstant() {
        ring.tick(T0);
        ring.tick(day(45).minus(LEAD));
        long revision = ring.current().revision();

        assertEquals(List.of(), ring.tick(day(45).minus(LEAD)));
        assertEquals(revision, ring.current().revision());
    }

    @Test
    void aMissedRotationStillHonoursThePublishLead() {
        ring.tick(T0);
        String first = activeKid();

        List<Transition> late = ring.tick(day(50));

        assertEquals(1, late.size());
        assertEquals(KeyState.PENDING, late.get(0).to());
        assertEquals(first, activeKid(), "a late successor still waits one lead before signing");
        ring.tick(day(50).plus(LEAD));
        assertNotEquals(first, activeKid());
    }

    @Test
    void anActiveKeyPastItsValidityIsReplacedAtOnce() {
        ring.tick(T0);
        String first = activeKid();

        List<Transition> t = ring.tick(day(100));

        String second = activeKid();
        assertNotEquals(first, second);
        assertEquals(List.of(
                new Transition(second, Optional.empty(), KeyState.ACTIVE, day(100), Reason.VALIDITY_ENDED),
                new Transition(first, Optional.of(KeyState.ACTIVE), KeyState.VERIFYING, day(100), Reason.SUPERSEDED)), t);
        assertEquals(List.of(second, first), publishedKids(), "tokens the old key signed still verify");
    }

    @Test
    void nextDueTellsTheSchedulerWhenToTickNext() {
        ring.tick(T0);
        assertEquals(day(45).minus(LEAD), ring.nextDue(T0));
        ring.tick(day(45).minus(LEAD));
        assertEquals(day(45), ring.nextDue(day(45).minus(LEAD)));
        ring.tick(day(45));
        assertEquals(day(45).plus(VERIFICATION), ring.nextDue(day(45)));
        assertEquals(day(47), ring.nextDue(day(47)), "overdue work is due now");
    }

    @Test
    void twoHundredDaysOfHourlyTicksKeepEveryInvariant() {
        Map<String, Instant> publishedSince = new HashMap<>();
        Map<String, Instant> stoppedSigning = new HashMap<>();
        List<String> activations = new ArrayList<>();
        for (Instant now = T0; now.isBefore(day(200)); now = now.plus(Duration.ofHours(1))) {
            for (Transition t : ring.tick(now)) {
                if (t.from().isEmpty()) {
                    publishedSince.put(t.kid(), t.at());
                }
                if (t.to() == KeyState.ACTIVE) {
                    activations.add(t.kid());
                    if (!activations.get(0).equals(t.kid())) {
                        assertFalse(Duration.between(publishedSince.get(t.kid()), t.at()).compareTo(LEAD) < 0,
                                t + " activated before the publish lead");
                    }
                }
                if (t.to() == KeyState.VERIFYING) {
                    stoppedSigning.put(t.kid(), t.at());
                }
                if (t.to() == KeyState.RETIRED) {
                    assertFalse(Duration.between(stoppedSigning.get(t.kid()), t.at()).compareTo(VERIFICATION) < 0,
                            t + " retired while its tokens may be valid");
                }
            }
            KeyRingState s = ring.current();
            assertEquals(1, s.count(KeyState.ACTIVE), "exactly one active key at " + now);
            assertTrue(s.count(KeyState.PENDING) <= 1);
            SaKey active = s.active().orElseThrow();
            assertTrue(now.isBefore(active.notAfter()), "the active key is within its validity at " + now);
        }
        assertEquals(5, activations.size(), "day 0 and every 45 days: 0, 45, 90, 135, 180");
        assertEquals(1, ring.current().published().size(), "only the day-180 key: its predecessor was retired on day 181");
    }

    private String activeKid() {
        return ring.current().active().orElseThrow().kid();
    }

    private List<String> publishedKids() {
        return ring.current().published().stream().map(SaKey::kid).toList();
    }
}
