package io.clusterca.ca.sakeys;

import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.events.Event;
import io.clusterca.ca.events.EventSink;
import io.clusterca.ca.keystore.InMemoryKeyVault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A data dir, a PKI dir, a vault and an event recorder for one test; times relative to {@link #T0}. */
final class RingFixture {
    static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

    final Path dataDir;
    final Path pkiDir;
    final InMemoryKeyVault vault = new InMemoryKeyVault();
    final RecordingSink events = new RecordingSink();
    final RotationPolicy policy;

    RingFixture(Path tempDir, KeyAlgorithm algorithm) {
        this(tempDir, RotationPolicy.defaults().withAlgorithm(algorithm));
    }

    RingFixture(Path tempDir, RotationPolicy policy) {
        this.dataDir = tempDir.resolve("data");
        this.pkiDir = tempDir.resolve("pki");
        this.policy = policy;
    }

    /** ECDSA P-256 keys: the schedule does not depend on the algorithm and they generate in microseconds. */
    static RingFixture fast(Path tempDir) {
        return new RingFixture(tempDir, KeyAlgorithm.ECDSA_P256);
    }

    KeyRing open() {
        return KeyRing.open(KeyRing.Settings.of(dataDir).withPolicy(policy).withApiServerPkiDir(pkiDir), vault, events);
    }

    static Instant day(long days) {
        return T0.plus(Duration.ofDays(days));
    }

    static Instant at(long days, Duration plus) {
        return day(days).plus(plus);
    }

    static final class RecordingSink implements EventSink {
        final List<Event> published = new CopyOnWriteArrayList<>();

        @Override
        public void publish(Event event) {
            published.add(event);
        }
    }
}
