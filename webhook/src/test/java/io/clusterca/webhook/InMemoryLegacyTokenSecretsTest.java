package io.clusterca.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InMemoryLegacyTokenSecretsTest {
    @Test
    void knowsWhatWasAddedInItsNamespaceOnly() {
        InMemoryLegacyTokenSecrets secrets = new InMemoryLegacyTokenSecrets();
        secrets.add("team-a", "build-robot-token");

        assertTrue(secrets.isLegacyToken("team-a", "build-robot-token"));
        assertFalse(secrets.isLegacyToken("team-b", "build-robot-token"));
        assertFalse(secrets.isLegacyToken("team-a", "db-credentials"));
    }

    @Test
    void forgetsWhatWasRemoved() {
        InMemoryLegacyTokenSecrets secrets = new InMemoryLegacyTokenSecrets();
        secrets.add("team-a", "build-robot-token");

        secrets.remove("team-a", "build-robot-token");

        assertFalse(secrets.isLegacyToken("team-a", "build-robot-token"));
    }

    @Test
    void answersNoForMissingNames() {
        assertFalse(new InMemoryLegacyTokenSecrets().isLegacyToken(null, null));
    }

    @Test
    void acceptsConcurrentWritersWhileBeingRead() throws Exception {
        InMemoryLegacyTokenSecrets secrets = new InMemoryLegacyTokenSecrets();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            IntStream.range(0, 4).forEach(writer -> pool.execute(() -> {
                for (int i = 0; i < 2_000; i++) {
                    secrets.add("ns-" + writer, "token-" + i);
                    secrets.isLegacyToken("ns-" + writer, "token-" + (i / 2));
                }
            }));
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }

        assertEquals(8_000, secrets.size());
        assertTrue(secrets.isLegacyToken("ns-3", "token-1999"));
    }
}
