package io.clusterca.ca.keystore;

import static io.clusterca.ca.keystore.TestKeys.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealedKeyStoreConcurrencyTest {
    @TempDir
    Path dataDir;

    @Test
    void concurrentPutsFromSeveralThreadsAreAllReadable() throws Exception {
        SealedKeyStore store = TestKeys.openRandom(dataDir);
        int threads = 4;
        int perThread = 25;
        Map<String, KeyPair> keys = new ConcurrentHashMap<>();
        for (int i = 0; i < threads * perThread; i++) {
            keys.put("key/" + i, TestKeys.ecP256());
        }
        List<String> ids = new ArrayList<>(keys.keySet());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<String> mine = ids.subList(t * perThread, (t + 1) * perThread);
                futures.add(pool.submit(() -> {
                    start.await();
                    mine.forEach(id -> store.put(id, keys.get(id).getPrivate()));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        SealedKeyStore restarted = TestKeys.openRandom(dataDir);
        assertEquals(keys.keySet(), restarted.ids());
        keys.forEach((id, pair) -> assertArrayEquals(pair.getPrivate().getEncoded(), restarted.get(id).orElseThrow().getEncoded(), id));
    }

    @Test
    void readersNeverFailWhileAnotherInstanceRotatesAndRewraps() throws Exception {
        SealedKeyStore cli = TestKeys.openRandom(dataDir);
        Map<String, KeyPair> keys = Map.of("a", TestKeys.ecP256(), "b", TestKeys.ed25519(), "c", TestKeys.ecP384());
        keys.forEach((id, pair) -> cli.put(id, pair.getPrivate()));
        SealedKeyStore server = TestKeys.openRandom(dataDir);
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            while (!done.get() || reads.get() == 0) {
                keys.forEach((id, pair) -> {
                    try {
                        if (!Arrays.equals(pair.getPrivate().getEncoded(), server.get(id).orElseThrow().getEncoded())) {
                            failures.add(new AssertionError("different key read for " + id));
                        }
                        reads.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                });
            }
        });
        reader.start();
        try {
            for (int day = 1; day <= 30; day++) {
                cli.rotateKek(T0.plus(Duration.ofDays(day)));
                cli.rewrap();
            }
        } finally {
            done.set(true);
            reader.join(TimeUnit.SECONDS.toMillis(60));
        }

        assertEquals(List.of(), failures);
        assertTrue(reads.get() > 0);
        assertEquals(31, server.status().currentKekVersion());
    }

    @Test
    void anotherProcessRotatingAndStoringAtTheSameTimeLeavesEveryKeyReadable() throws Exception {
        SealedKeyStore store = TestKeys.openRandom(dataDir);
        int count = 100;
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KeyStoreWriterProcess.class.getName(),
                dataDir.toString(), "child", String.valueOf(count), T0.plus(Duration.ofDays(40)).toString())
                .redirectErrorStream(true).start();
        BufferedReader childOutput = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        KeyPair pair = TestKeys.ecP256();
        try {
            assertEquals("opened", childOutput.readLine());
            for (int i = 0; i < count; i++) {
                store.put("parent/" + i, pair.getPrivate());
                if (i == count / 2) {
                    store.rotateKek(T0.plus(Duration.ofDays(41)));
                    store.rewrap();
                }
            }
        } finally {
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child process did not finish");
        }
        String rest = childOutput.lines().collect(Collectors.joining("\n"));
        assertEquals(0, child.exitValue(), () -> "child failed: " + rest);

        SealedKeyStore restarted = TestKeys.openRandom(dataDir);
        assertEquals(2 * count, restarted.ids().size());
        for (String id : restarted.ids()) {
            assertTrue(restarted.get(id).isPresent(), id);
        }
        assertArrayEquals(pair.getPrivate().getEncoded(), restarted.get("parent/0").orElseThrow().getEncoded());
    }
}
