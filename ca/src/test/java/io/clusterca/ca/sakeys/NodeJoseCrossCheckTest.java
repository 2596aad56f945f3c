package io.clusterca.ca.sakeys;

import static io.clusterca.ca.sakeys.KubeApiserverSigner.AUDIENCE;
import static io.clusterca.ca.sakeys.KubeApiserverSigner.ISSUER;
import static io.clusterca.ca.sakeys.RingFixture.T0;
import static io.clusterca.ca.sakeys.RingFixture.day;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.sakeys.KeyRing.PreviousKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent relying party: the Node {@code jose} package verifies our tokens against our JWKS.
 * Runs only when {@code node} is on PATH and the package is installed
 * ({@code npm ci --prefix ca/src/test/node}, needs the npm registry once); skipped otherwise.
 */
class NodeJoseCrossCheckTest {
    private static final Path SCRIPT_DIR = Path.of("ca/src/test/node").toAbsolutePath();

    @TempDir
    Path tmp;

    @BeforeEach
    void requireNodeAndJose() {
        // On a developer machine without npm the check is skipped; CI installs it and must run it.
        boolean ci = "true".equals(System.getenv("CI"));
        boolean installed = Files.isDirectory(SCRIPT_DIR.resolve("node_modules/jose")) && nodeOnPath();
        if (ci) {
            org.junit.jupiter.api.Assertions.assertTrue(installed, "CI must run the jose cross-check: node and ca/src/test/node/node_modules/jose are required");
        }
        assumeTrue(installed, "jose not installed: run npm ci --prefix ca/src/test/node");
    }

    @Test
    void joseVerifiesRs256TokensAndRefusesThemOnceTheirKeyIsRetired() throws Exception {
        RingFixture fx = new RingFixture(tmp, KeyAlgorithm.RSA_2048);
        KeyRing ring = fx.open();
        ring.tick(T0);
        String kid = ring.current().active().orElseThrow().kid();
        String token = KubeApiserverSigner.sign(fx.pkiDir);

        assertEquals("{\"kid\":\"" + kid + "\",\"alg\":\"RS256\",\"sub\":\"" + KubeApiserverSigner.SUBJECT + "\"}",
                verifyWithJose(token, JwksDocument.of(ring)));

        ring.rotateNow(day(1), PreviousKey.RETIRE);
        assertEquals("{\"error\":\"ERR_JWKS_NO_MATCHING_KEY\"}", verifyWithJose(token, JwksDocument.of(ring)));
    }

    @Test
    void joseVerifiesEs256Tokens() throws Exception {
        RingFixture fx = new RingFixture(tmp, KeyAlgorithm.ECDSA_P256);
        KeyRing ring = fx.open();
        ring.tick(T0);
        String token = KubeApiserverSigner.sign(fx.pkiDir);

        assertEquals("{\"kid\":\"" + ring.current().active().orElseThrow().kid() + "\",\"alg\":\"ES256\",\"sub\":\""
                + KubeApiserverSigner.SUBJECT + "\"}", verifyWithJose(token, JwksDocument.of(ring)));
    }

    private String verifyWithJose(String token, String jwks) throws IOException, InterruptedException {
        Path jwksFile = Files.writeString(tmp.resolve("jwks.json"), jwks);
        Path tokenFile = Files.writeString(tmp.resolve("token"), token);
        Process p = new ProcessBuilder("node", SCRIPT_DIR.resolve("verify-token.mjs").toString(),
                jwksFile.toString(), tokenFile.toString(), ISSUER, AUDIENCE)
                .directory(SCRIPT_DIR.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("node timed out");
        }
        return out;
    }

    private static boolean nodeOnPath() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
