package io.clusterca.ca.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.policy.Requester;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapTokensTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void aCreatedTokenHasKubernetesBootstrapTokenFormat() {
        String token = new BootstrapTokens(dataDir).create(Duration.ofHours(24), NOW);
        assertTrue(BootstrapTokens.FORMAT.matcher(token).matches(), token);
    }

    @Test
    void aValidTokenAuthenticatesAsABootstrapper() {
        BootstrapTokens tokens = new BootstrapTokens(dataDir);
        String token = tokens.create(Duration.ofHours(24), NOW);
        Requester r = tokens.authenticate(token, NOW.plusSeconds(60)).orElseThrow();
        assertEquals("system:bootstrap:" + token.substring(0, 6), r.username());
        assertEquals(Set.of("system:bootstrappers"), r.groups());
    }

    @Test
    void anExpiredTokenIsRejected() {
        BootstrapTokens tokens = new BootstrapTokens(dataDir);
        String token = tokens.create(Duration.ofHours(1), NOW);
        assertTrue(tokens.authenticate(token, NOW.plus(Duration.ofHours(1))).isEmpty());
    }

    @Test
    void aWrongSecretForAKnownIdIsRejected() {
        BootstrapTokens tokens = new BootstrapTokens(dataDir);
        String token = tokens.create(Duration.ofHours(1), NOW);
        String forged = token.substring(0, 7) + "0000000000000000";
        assertTrue(tokens.authenticate(forged, NOW).isEmpty());
    }

    @Test
    void malformedTokensAreRejected() {
        BootstrapTokens tokens = new BootstrapTokens(dataDir);
        tokens.create(Duration.ofHours(1), NOW);
        for (String bad : new String[] {"", "abc", "ABCDEF.0123456789abcdef", "abcdef.0123456789abcde", "abcdef:0123456789abcdef"}) {
            assertTrue(tokens.authenticate(bad, NOW).isEmpty(), bad);
        }
        assertTrue(tokens.authenticate(null, NOW).isEmpty());
    }

    @Test
    void theSecretIsNeverStoredAndTheFileIsOwnerOnly() throws Exception {
        String token = new BootstrapTokens(dataDir).create(Duration.ofHours(1), NOW);
        Path file = dataDir.resolve("tokens/tokens.json");
        assertFalse(Files.readString(file).contains(token.substring(7)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aTokenCreatedByAnotherProcessIsSeenAfterReload() {
        BootstrapTokens server = new BootstrapTokens(dataDir);
        String token = new BootstrapTokens(dataDir).create(Duration.ofHours(1), NOW);
        assertTrue(server.authenticate(token, NOW).isEmpty());
        assertTrue(server.reloadIfChanged());
        assertTrue(server.authenticate(token, NOW).isPresent());
    }
}
