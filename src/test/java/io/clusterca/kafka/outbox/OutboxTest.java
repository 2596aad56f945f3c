package io.clusterca.kafka.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:15:30Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Outbox open() {
        return Outbox.open(OutboxSettings.defaults(dir), CLOCK);
    }

    /** Small segments so a test crosses segment boundaries with a few dozen records. */
    private Outbox openSmall(long maxBytes) {
        return Outbox.open(new OutboxSettings(dir, 1024, maxBytes, 512), CLOCK);
    }

    private static String value(int n) {
        return "{\"id\":\"event-" + n + "\",\"padding\":\"" + "x".repeat(40) + "\"}";
    }

    private static List<Long> sequences(List<OutboxRecord> records) {
        return records.stream().map(OutboxRecord::sequence).toList();
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
    }

    @Test
    void returnsPendingRecordsInAppendOrderWithKeysAndValues() {
        try (Outbox outbox = open()) {
            outbox.append(Optional.of("4f2a"), value(1));
            outbox.append(Optional.empty(), value(2));

            List<OutboxRecord> pending = outbox.pending(10);

            assertEquals(List.of(
                    new OutboxRecord(1, CLOCK.instant(), Optional.of("4f2a"), value(1)),
                    new OutboxRecord(2, CLOCK.instant(), Optional.empty(), value(2))), pending);
        }
    }

    @Test
    void acknowledgedRecordsAreNoLongerPending() {
        try (Outbox outbox = open()) {
            for (int i = 1; i <= 5; i++) {
                outbox.append(Optional.empty(), value(i));
            }

            outbox.acknowledge(3);

            assertEquals(List.of(4L, 5L), sequences(outbox.pending(10)));
            assertEquals(2, outbox.pendingCount());
        }
    }

    @Test
    void keepsUnacknowledgedRecordsAndTheAcknowledgementAcrossRestart() {
        try (Outbox outbox = open()) {
            for (int i = 1; i <= 5; i++) {
                outbox.append(Optional.of("k" + i), value(i));
            }
            outbox.acknowledge(2);
        }

        try (Outbox reopened = open()) {
            assertEquals(List.of(3L, 4L, 5L), sequences(reopened.pending(10)));
            assertEquals(6, reopened.append(Optional.empty(), value(6)));
            assertEquals(value(3), reopened.pending(1).get(0).value());
        }
    }

    @Test
    void cutsOffATornLastRecordOnRestart() throws IOException {
        try (Outbox outbox = open()) {
            for (int i = 1; i <= 3; i++) {
                outbox.append(Optional.empty(), value(i));
            }
        }
        Path segment = segmentFiles().get(0);
        long intact = Files.size(segment);
        // A crash in the middle of the fourth append: its length says 80 bytes, 5 made it to disk.
        Files.write(segment, new byte[] {0, 0, 0, 80, 1, 2, 3, 4, 5}, StandardOpenOption.APPEND);

        try (Outbox reopened = open()) {
            assertEquals(intact, Files.size(segment));
            assertEquals(List.of(1L, 2L, 3L), sequences(reopened.pending(10)));
            reopened.append(Optional.empty(), value(4));
            assertEquals(List.of(1L, 2L, 3L, 4L), sequences(reopened.pending(10)));
        }
    }

    @Test
    void deletesSegmentsOnceEveryRecordInThemIsAcknowledged() throws IOException {
        try (Outbox outbox = openSmall(1 << 20)) {
            for (int i = 1; i <= 60; i++) {
                outbox.append(Optional.empty(), value(i));
            }
            assertTrue(segmentFiles().size() > 3, "expected several segments, got " + segmentFiles());

            outbox.acknowledge(60);

            assertEquals(1, segmentFiles().size(), "only the segment being written to stays");
            assertEquals(List.of(), outbox.pending(10));
            assertEquals(Files.size(segmentFiles().get(0)), outbox.stats().bytes());
        }
    }

    @Test
    void dropsTheOldestUndeliveredRecordsWhenOverItsDiskBoundAndCountsThem() throws Exception {
        long maxBytes = 4096;
        try (Outbox outbox = openSmall(maxBytes)) {
            int appended = 8 * 40;
            appendConcurrently(outbox, 8, 40);

            OutboxStats stats = outbox.stats();
            List<OutboxRecord> pending = outbox.pending(appended);

            assertTrue(stats.dropped() > 0);
            assertTrue(stats.bytes() <= maxBytes, stats.toString());
            assertEquals(appended, stats.dropped() + stats.pending());
            // What survives is the newest records, contiguous up to the last one.
            assertEquals(LongStream.rangeClosed(appended - pending.size() + 1, appended).boxed().toList(), sequences(pending));
        }
    }

    @Test
    void refusesARecordLargerThanItsLimit() {
        try (Outbox outbox = openSmall(1 << 20)) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> outbox.append(Optional.empty(), "x".repeat(513)));

            assertTrue(refused.getMessage().contains("513 bytes exceeds the limit of 512"), refused.getMessage());
            assertEquals(0, outbox.pendingCount());
        }
    }

    @Test
    void concurrentAppendersGetDistinctGapFreeSequences() throws Exception {
        int threads = 8;
        int each = 250;
        try (Outbox outbox = open()) {
            Set<Long> returned = appendConcurrently(outbox, threads, each);

            List<OutboxRecord> pending = outbox.pending(threads * each);
            assertEquals(LongStream.rangeClosed(1, threads * each).boxed().toList(), sequences(pending));
            assertEquals(Set.copyOf(sequences(pending)), returned);
            assertEquals(threads * each, pending.stream().map(OutboxRecord::value).distinct().count());
        }
    }

    @Test
    void readsALongBacklogInBatchesAcrossSegmentsWithoutSkippingOrRepeating() throws Exception {
        int records = 2000;
        try (Outbox outbox = openSmall(64L << 20)) {
            appendConcurrently(outbox, 8, records / 8); // group commit keeps this fast; order is by sequence anyway
            assertTrue(segmentFiles().size() > 50, "crosses many 1 KiB segments: " + segmentFiles().size());
            List<Long> delivered = new ArrayList<>();
            List<OutboxRecord> batch;
            while (!(batch = outbox.pending(77)).isEmpty()) {
                delivered.addAll(sequences(batch));
                outbox.acknowledge(batch.get(batch.size() - 1).sequence());
            }

            assertEquals(LongStream.rangeClosed(1, records).boxed().toList(), delivered);
        }
    }

    /** Appends {@code threads * each} distinct records from {@code threads} threads; returns the sequences append returned. */
    private static Set<Long> appendConcurrently(Outbox outbox, int threads, int each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        mine.add(outbox.append(Optional.of("t" + thread), value(thread * each + i)));
                    }
                    return mine;
                }));
            }
            Set<Long> returned = new HashSet<>();
            for (Future<List<Long>> result : results) {
                returned.addAll(result.get());
            }
            return returned;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void ignoresAnAcknowledgementBeyondWhatWasAppended() {
        try (Outbox outbox = open()) {
            outbox.append(Optional.empty(), value(1));

            outbox.acknowledge(99);
            outbox.append(Optional.empty(), value(2));

            assertEquals(List.of(2L), sequences(outbox.pending(10)));
        }
    }
}
