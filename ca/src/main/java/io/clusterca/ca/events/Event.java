package io.clusterca.ca.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One thing that happened, as operators see it in the journal or on Kafka. {@code facts} are plain
 * values (strings, numbers, booleans, lists of strings): never a key, a token or a CSR body.
 *
 * @param key the Kafka record key: the certificate serial or the object uid, when there is one
 */
public record Event(String id, EventType type, Instant time, Optional<String> key, Map<String, Object> facts) {
    public Event {
        facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    public static Event of(EventType type, Instant time, String key, Map<String, Object> facts) {
        return new Event(UUID.randomUUID().toString(), type, time, Optional.ofNullable(key), facts);
    }
}
