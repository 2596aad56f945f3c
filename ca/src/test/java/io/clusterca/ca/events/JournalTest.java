package io.clusterca.ca.events;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:15:30Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    private static Event issued(int n) {
        String serial = String.format("%040x", n);
        return new Event("event-" + n, EventType.CERTIFICATE_ISSUED, Instant.parse("2026-11-22T10:15:30Z").plusSeconds(n),
                Optional.of(serial), Map.of("serial", serial, "commonName", "system:node:node-" + n));
    }

    private static List<Map<String, Object>> parseLines(Path file) throws Exception {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            objects.add(JSONObjectUtils.parse(line));
        }
        return objects;
    }

    @Test
    void writesOneJsonObjectPerEventWithTypeTimeIdAndSerial() throws Exception {
        try (Journal journal = Journal.open(dataDir)) {
            journal.publish(issued(1));
            journal.publish(issued(2));
            journal.flush().join();

            List<Map<String, Object>> lines = parseLines(dataDir.resolve("events/events.jsonl"));

            assertEquals(2, lines.size());
            assertEquals("certificate.issued", lines.get(0).get("type"));
            assertEquals("2026-11-22T10:15:31Z", lines.get(0).get("time"));
            assertEquals("event-1", lines.get(0).get("id"));
            assertEquals(String.format("%040x", 1), lines.get(0).get("serial"));
            assertEquals("event-2", lines.get(1).get("id"));
        }
    }

    @Test
    void closeWritesEveryEventPublishedBeforeIt() throws Exception {
        Journal journal = Journal.open(dataDir);
        for (int i = 0; i < 5000; i++) {
            journal.publish(issued(i));
        }
        journal.close();

        assertEquals(5000, Files.readAllLines(journal.activeFile()).size());
        assertEquals(5000, journal.stats().written());
    }

    @Test
    void continuesTheExistingFileWhenReopened() throws Exception {
        try (Journal journal = Journal.open(dataDir)) {
            journal.publish(issued(1));
        }
        try (Journal journal = Journal.open(dataDir)) {
            journal.publish(issued(2));
        }

        List<Map<String, Object>> lines = parseLines(dataDir.resolve("events/events.jsonl"));
        assertEquals(List.of("event-1", "event-2"), lines.stream().map(l -> l.get("id")).toList());
    }

    @Test
    void startsOnAFreshLineAfterATornLastLine() throws Exception {
        Path file = dataDir.resolve("events/events.jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"type\":\"certificate.issued\",\"ti"); // a crash mid-write

        try (Journal journal = Journal.open(dataDir)) {
            journal.publish(issued(7));
        }

        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        assertEquals("event-7", JSONObjectUtils.parse(lines.get(1)).get("id"));
    }

    @Test
    void rotatesBySizeAndKeepsOnlyTheConfiguredNumberOfRotatedFiles() throws Exception {
        JournalSettings settings = JournalSettings.defaults(dataDir).withMaxFileBytes(2048).withKeepRotated(2);
        int events = 60; // about 200 bytes each: several rotations
        try (Journal journal = Journal.open(settings, CLOCK)) {
            for (int i = 0; i < events; i++) {
                journal.publish(issued(i));
                journal.flush().join();
            }
            assertTrue(journal.stats().rotations() >= 3, "rotations: " + journal.stats().rotations());
        }

        List<Path> rotated;
        try (Stream<Path> files = Files.list(dataDir.resolve("events"))) {
            rotated = files.filter(p -> p.getFileName().toString().startsWith("events-")).sorted().toList();
        }
        assertEquals(2, rotated.size());
        assertTrue(rotated.get(0).getFileName().toString().matches("events-20261122T101530\\.\\d{3}Z\\.jsonl"), rotated.toString());
        List<Object> ids = new ArrayList<>();
        for (Path file : List.of(rotated.get(0), rotated.get(1), dataDir.resolve("events/events.jsonl"))) {
            assertTrue(Files.size(file) <= 2048, file + " is " + Files.size(file) + " bytes");
            parseLines(file).forEach(line -> ids.add(line.get("id")));
        }
        // What is kept is the newest events, in order, without gaps.
        int first = events - ids.size();
        assertEquals(Stream.iterate(first, i -> i + 1).limit(ids.size()).map(i -> "event-" + i).toList(), ids);
    }

    @Test
    void everyEventIsEitherWrittenOrCountedAsDroppedWhenTheQueueOverflows() throws IOException {
        JournalSettings settings = JournalSettings.defaults(dataDir).withQueueCapacity(1);
        Journal journal = Journal.open(settings, CLOCK);
        for (int i = 0; i < 20_000; i++) {
            int n = i;
            assertDoesNotThrow(() -> journal.publish(issued(n)));
        }
        journal.close();

        JournalStats stats = journal.stats();
        assertEquals(20_000, stats.written() + stats.dropped());
        assertEquals(stats.written(), Files.readAllLines(journal.activeFile()).size());
    }

    @Test
    void dropsAndCountsEventsPublishedAfterClose() {
        Journal journal = Journal.open(dataDir);
        journal.close();

        journal.publish(issued(1));

        assertEquals(1, journal.stats().dropped());
        assertEquals(0, journal.stats().written());
    }
}
