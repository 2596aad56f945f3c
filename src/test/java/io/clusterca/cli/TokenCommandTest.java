package io.clusterca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.tokens.BootstrapTokens;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandTest {
    @TempDir
    Path dataDir;

    @Test
    void printsAValidBootstrapTokenAloneOnTheLastLine() {
        Cli.Run r = Cli.run("token", "create", "--ttl", "2h", "--data-dir", dataDir.toString());
        assertEquals(0, r.exitCode(), r.err());
        String token = r.lastLine();
        assertTrue(BootstrapTokens.FORMAT.matcher(token).matches(), token);
        assertTrue(new BootstrapTokens(dataDir).authenticate(token, Instant.now().plusSeconds(3600)).isPresent());
        assertTrue(new BootstrapTokens(dataDir).authenticate(token, Instant.now().plusSeconds(7300)).isEmpty());
    }

    @Test
    void aMalformedTtlExitsTwo() {
        Cli.Run r = Cli.run("token", "create", "--ttl", "soon", "--data-dir", dataDir.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("not a duration"), r.err());
    }
}
