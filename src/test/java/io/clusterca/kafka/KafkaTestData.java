package io.clusterca.kafka;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.clusterca.ca.events.Event;
import io.clusterca.ca.events.EventType;
import io.clusterca.ca.ledger.LedgerEntry;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Events, ledger entries and settings shared by the Kafka tests. */
final class KafkaTestData {
    static final Backoff FAST_RETRY = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private KafkaTestData() {}

    /** Settings with a topic prefix no other test uses, so tests can share one broker. */
    static KafkaSettings settings(String bootstrapServers, String replicaId) {
        return KafkaSettings.of(bootstrapServers).withTopicPrefix("t" + PREFIXES.incrementAndGet() + ".clusterca.")
                .withReplicaId(replicaId);
    }

    static String serial(int n) {
        return String.format("%032x", 0xC0FFEE0000L + n);
    }

    static Event issued(int n) {
        return new Event("event-" + n, EventType.CERTIFICATE_ISSUED, T0.plusSeconds(n), Optional.of(serial(n)),
                Map.of("serial", serial(n), "commonName", "system:node:node-" + n, "signerName", "kubernetes.io/kubelet-serving"));
    }

    /** The {@code id} of an event record's JSON value. */
    static String eventId(String json) {
        try {
            return (String) JSONObjectUtils.parse(json).get("id");
        } catch (ParseException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    static LedgerEntry entry(int n) {
        return new LedgerEntry(serial(n), "kubernetes.io/kubelet-serving", "kubernetes-ca", "O=system:nodes,CN=system:node:node-" + n,
                "system:node:node-" + n, List.of("system:nodes"), List.of("node-" + n + ".cluster.local"), List.of("10.0.0." + (n % 250)),
                T0.plusSeconds(n), T0.plusSeconds(n).plus(Duration.ofDays(4)), "system:node:node-" + n, T0.plusSeconds(n));
    }
}
