package io.clusterca.ca.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventJsonTest {
    private static final Instant TIME = Instant.parse("2026-11-22T10:15:30.123Z");

    private static Map<String, Object> encodeAndParse(Event event) throws Exception {
        return JSONObjectUtils.parse(EventJson.encode(event));
    }

    @Test
    void carriesWireTypeRfc3339TimeIdAndKey() throws Exception {
        Event event = new Event("id-1", EventType.CERTIFICATE_ISSUED, TIME, Optional.of("4f2a"), Map.of());

        Map<String, Object> json = encodeAndParse(event);

        assertEquals("certificate.issued", json.get("type"));
        assertEquals("2026-11-22T10:15:30.123Z", json.get("time"));
        assertEquals(TIME, OffsetDateTime.parse((String) json.get("time")).toInstant());
        assertEquals("id-1", json.get("id"));
        assertEquals("4f2a", json.get("key"));
    }

    @Test
    void promotesTheSerialFactToTheTopLevel() throws Exception {
        Event event = new Event("id", EventType.CERTIFICATE_RENEWED, TIME, Optional.of("4f2a"),
                Map.of("serial", "4f2a", "commonName", "system:node:n1"));

        Map<String, Object> json = encodeAndParse(event);

        assertEquals("4f2a", json.get("serial"));
        @SuppressWarnings("unchecked")
        Map<String, Object> facts = (Map<String, Object>) json.get("facts");
        assertEquals(Map.of("commonName", "system:node:n1"), Map.copyOf(facts));
    }

    @Test
    void leavesOutKeyAndSerialWhenTheEventHasNone() throws Exception {
        Event event = new Event("id", EventType.ADMISSION_DENIED, TIME, Optional.empty(), Map.of("reason", "legacy token"));

        Map<String, Object> json = encodeAndParse(event);

        assertFalse(json.containsKey("key"));
        assertFalse(json.containsKey("serial"));
    }

    @Test
    void nestsFactsSoTheyCannotShadowEnvelopeFields() throws Exception {
        Event event = new Event("real-id", EventType.KEK_ROTATED, TIME, Optional.empty(), Map.of("id", "kek-7", "type", "aes"));

        Map<String, Object> json = encodeAndParse(event);

        assertEquals("real-id", json.get("id"));
        assertEquals("kek.rotated", json.get("type"));
        assertEquals(Map.of("id", "kek-7", "type", "aes"), Map.copyOf((Map<?, ?>) json.get("facts")));
    }

    @Test
    void writesInstantsAsRfc3339AndKeepsListsNumbersAndBooleans() throws Exception {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("notAfter", Instant.parse("2026-11-26T10:15:30Z"));
        facts.put("dnsNames", List.of("a.example", "b.example"));
        facts.put("validitySeconds", 345600);
        facts.put("renewal", true);
        facts.put("absent", null);

        Map<String, Object> json = encodeAndParse(new Event("id", EventType.CERTIFICATE_ISSUED, TIME, Optional.empty(), facts));

        Map<?, ?> parsed = (Map<?, ?>) json.get("facts");
        assertEquals("2026-11-26T10:15:30Z", parsed.get("notAfter"));
        assertEquals(List.of("a.example", "b.example"), parsed.get("dnsNames"));
        assertEquals(345600L, parsed.get("validitySeconds"));
        assertEquals(true, parsed.get("renewal"));
        assertFalse(parsed.containsKey("absent"));
    }

    @Test
    void staysOnOneLineWhateverTheFactsContain() {
        Event event = new Event("id", EventType.CERTIFICATE_REFUSED, TIME, Optional.empty(),
                Map.of("reason", "line one\nline two\r\u2028end"));

        String encoded = EventJson.encode(event);

        assertFalse(encoded.contains("\n"));
        assertFalse(encoded.contains("\r"));
        assertTrue(encoded.startsWith("{") && encoded.endsWith("}"));
    }
}
