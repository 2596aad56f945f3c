package io.clusterca.ca.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLedgerTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void entriesAreReadableAfterReopening() {
        try (FileLedger ledger = FileLedger.open(dataDir)) {
            ledger.append(LedgerEntries.node("a1", "n1", T0));
            ledger.append(LedgerEntries.node("b2", "n2", T0));
        }
        try (FileLedger reopened = FileLedger.open(dataDir)) {
            assertEquals(List.of("a1", "b2"), reopened.entries().stream().map(LedgerEntry::serial).toList());
            assertEquals(LedgerEntries.node("b2", "n2", T0), reopened.bySerial("b2").orElseThrow());
        }
    }

    @Test
    void latestAnswersTheMostRecentCertificateOfAnIdentity() {
        try (FileLedger ledger = FileLedger.open(dataDir)) {
            ledger.append(LedgerEntries.node("01", "n1", T0));
            ledger.append(LedgerEntries.node("02", "n1", T0.plusSeconds(60)));
            ledger.append(LedgerEntries.node("03", "n2", T0.plusSeconds(120)));
            String identity = LedgerEntries.node("x", "n1", T0).identity();
            assertEquals("02", ledger.latest(identity).orElseThrow().serial());
        }
    }

    @Test
    void aTornUnacknowledgedLastLineIsDroppedOnOpen() throws Exception {
        try (FileLedger ledger = FileLedger.open(dataDir)) {
            ledger.append(LedgerEntries.node("a1", "n1", T0));
        }
        Path file = dataDir.resolve("ledger/ledger.jsonl");
        Files.writeString(file, "{\"serial\":\"torn", StandardOpenOption.APPEND);
        try (FileLedger reopened = FileLedger.open(dataDir)) {
            assertEquals(1, reopened.size());
            reopened.append(LedgerEntries.node("c3", "n3", T0));
        }
        try (FileLedger again = FileLedger.open(dataDir)) {
            assertEquals(List.of("a1", "c3"), again.entries().stream().map(LedgerEntry::serial).toList());
        }
    }

    @Test
    void anotherProcessesAppendsAreSeenAfterRefresh() {
        try (FileLedger server = FileLedger.open(dataDir); FileLedger cli = FileLedger.open(dataDir)) {
            cli.append(LedgerEntries.node("c1", "n1", T0));
            assertTrue(server.bySerial("c1").isEmpty());
            server.refresh();
            assertTrue(server.bySerial("c1").isPresent());
        }
    }

    @Test
    void anotherProcessesLineBetweenOurOwnAppendsIsSeenAfterRefresh() {
        try (FileLedger server = FileLedger.open(dataDir); FileLedger cli = FileLedger.open(dataDir)) {
            server.append(LedgerEntries.node("s1", "n1", T0));
            cli.append(LedgerEntries.node("c1", "n2", T0));
            server.append(LedgerEntries.node("s2", "n3", T0));
            server.refresh();
            cli.refresh();
            assertEquals(Set.of("s1", "c1", "s2"), serials(server));
            assertEquals(Set.of("s1", "c1", "s2"), serials(cli));
        }
    }

    private static Set<String> serials(FileLedger ledger) {
        return ledger.entries().stream().map(LedgerEntry::serial).collect(Collectors.toSet());
    }

    @Test
    void concurrentAppendsAreAllDurable() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (FileLedger ledger = FileLedger.open(dataDir)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String serial = Integer.toHexString(0x1000 + i);
                futures.add(pool.submit(() -> ledger.append(LedgerEntries.node(serial, "n" + serial, T0))));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        try (FileLedger reopened = FileLedger.open(dataDir)) {
            assertEquals(400, reopened.size());
        }
    }

    /**
     * A child JVM appends in a loop and prints each serial only after append returned; we kill -9 it
     * mid-stream. Every printed serial must be in the ledger afterwards.
     */
    @Test
    void noAcknowledgedEntryIsLostOnKillDashNine() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LedgerAppenderProcess.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < 200 && (line = out.readLine()) != null) {
                acknowledged.add(line);
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close()
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertEquals(200, acknowledged.size());
        try (FileLedger reopened = FileLedger.open(dataDir)) {
            for (String serial : acknowledged) {
                assertTrue(reopened.bySerial(serial).isPresent(), "acknowledged serial lost: " + serial);
            }
        }
    }
}
