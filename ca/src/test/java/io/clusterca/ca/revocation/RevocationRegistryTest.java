package io.clusterca.ca.revocation;

import static io.clusterca.ca.revocation.Rules.rule;
import static io.clusterca.ca.revocation.Rules.withDns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevocationRegistryTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final RevocationRegistry registry = new RevocationRegistry(clock);

    @Test
    void replacingOneSourceLeavesTheOthersInForce() {
        registry.replaceSource("file:a.yaml", List.of(rule("DNS", "a.example")));
        registry.replaceSource("file:b.yaml", List.of(rule("DNS", "b.example")));

        registry.replaceSource("file:a.yaml", List.of(rule("DNS", "c.example")));

        RevocationIndex index = registry.index();
        assertFalse(index.check(withDns("a.example", T0)).isPresent());
        assertTrue(index.check(withDns("b.example", T0)).isPresent());
        assertTrue(index.check(withDns("c.example", T0)).isPresent());
    }

    @Test
    void removingASourceDropsItsRules() {
        registry.replaceSource("kube:ns/x", List.of(rule("DNS", "a.example")));

        assertTrue(registry.removeSource("kube:ns/x"));

        assertEquals(0, registry.index().size());
        assertFalse(registry.removeSource("kube:ns/x"));
    }

    @Test
    void replacingWithTheSameRulesIsNotAChange() {
        registry.replaceSource("file:a.yaml", List.of(rule("DNS", "a.example")));
        long version = registry.version();
        RevocationIndex before = registry.index();

        assertFalse(registry.replaceSource("file:a.yaml", List.of(rule("DNS", "a.example"))));

        assertEquals(version, registry.version());
        assertSame(before, registry.index());
    }

    @Test
    void everyChangeGivesANewIndexWithTheRegistryVersion() {
        registry.replaceSource("file:a.yaml", List.of(rule("DNS", "a.example")));
        long first = registry.index().version();

        registry.replaceSource("file:a.yaml", List.of(rule("DNS", "b.example")));

        assertTrue(registry.index().version() > first);
        assertEquals(registry.version(), registry.index().version());
    }

    @Test
    void aRuleIsInForceSinceItWasFirstSeen() {
        registry.replaceSource("file:a.yaml", List.of(rule("DNS", "a.example")));

        assertEquals(T0, registry.index().check(withDns("a.example", T0)).orElseThrow().inForceSince());
    }

    @Test
    void aRuleKeepsItsFirstSeenTimeWhenItsSourceIsRewrittenAroundIt() {
        registry.replaceSource("file:a.yaml", List.of(rule("DNS", "a.example")));
        clock.advance(Duration.ofHours(1));

        registry.replaceSource("file:a.yaml", List.of(rule("DNS", "new.example"), rule("DNS", "a.example")));

        RevocationIndex index = registry.index();
        assertEquals(T0, index.check(withDns("a.example", T0)).orElseThrow().inForceSince());
        assertEquals(T0.plus(Duration.ofHours(1)), index.check(withDns("new.example", T0)).orElseThrow().inForceSince());
    }

    @Test
    void aRuleRemovedAndAddedAgainStartsAnew() {
        registry.replaceSource("file:a.yaml", List.of(rule("DNS", "a.example")));
        registry.replaceSource("file:a.yaml", List.of());
        clock.advance(Duration.ofHours(2));

        registry.replaceSource("file:a.yaml", List.of(rule("DNS", "a.example")));

        assertEquals(T0.plus(Duration.ofHours(2)),
                registry.index().check(withDns("a.example", T0)).orElseThrow().inForceSince());
    }

    @Test
    void readersSeeEitherTheOldOrTheNewRulesOfASourceNeverAMix() throws Exception {
        List<RevocationRule> oldRules = List.of(rule("DNS", "old-1.example"), rule("DNS", "old-2.example"));
        List<RevocationRule> newRules = List.of(rule("DNS", "new-1.example"), rule("DNS", "new-2.example"));
        registry.replaceSource("file:a.yaml", oldRules);
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 2_000; i++) {
                registry.replaceSource("file:a.yaml", i % 2 == 0 ? newRules : oldRules);
            }
        });
        writer.start();
        while (writer.isAlive()) {
            RevocationIndex index = registry.index();
            boolean old1 = index.check(withDns("old-1.example", T0)).isPresent();
            boolean old2 = index.check(withDns("old-2.example", T0)).isPresent();
            boolean new1 = index.check(withDns("new-1.example", T0)).isPresent();
            assertEquals(old1, old2);
            assertEquals(!old1, new1);
        }
        writer.join();
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
