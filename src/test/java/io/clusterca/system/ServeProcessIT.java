package io.clusterca.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.tokens.BootstrapTokens;
import io.clusterca.testing.TestCsrs;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server as an operator runs it: a token from the CLI, a kubelet certificate over
 * HTTPS, kill -9 and restart with the same CA, a CLI token reaching the running server within 2 s,
 * and no private key in clear in the data dir.
 */
class ServeProcessIT {
    @TempDir
    Path dataDir;

    private static String kubeletSignBody(String node) {
        return new JsonObject().put("signerName", "kubernetes.io/kube-apiserver-client-kubelet")
                .put("request", TestCsrs.of("CN=system:node:" + node + ",O=system:nodes").pem()).encode();
    }

    private String createToken() {
        ClusterCaProcess.Result r = ClusterCaProcess.run("token", "create", "--data-dir", dataDir.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        String[] lines = r.stdout().strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void aKillDashNineLosesNeitherTheCaNorAnyReturnedCertificate() throws Exception {
        String token = createToken();
        int port = ClusterCaProcess.freePort();
        String serial;
        String caBefore;
        try (ClusterCaProcess server = ClusterCaProcess.serve("--data-dir", dataDir.toString(), "--port", "" + port, "--bind", "127.0.0.1")) {
            Https https = new Https(dataDir.resolve("ca/kubernetes-ca.crt"), port);
            caBefore = https.get("/v1/ca/kubernetes-ca").body();
            HttpResponse<String> signed = https.post("/v1/sign", token, kubeletSignBody("worker-1"));
            assertEquals(200, signed.statusCode(), signed.body());
            serial = new JsonObject(signed.body()).getString("serial");
            server.kill();
        }
        try (ClusterCaProcess ignored = ClusterCaProcess.serve("--data-dir", dataDir.toString(), "--port", "" + port, "--bind", "127.0.0.1")) {
            Https https = new Https(dataDir.resolve("ca/kubernetes-ca.crt"), port);
            assertEquals(caBefore, https.get("/v1/ca/kubernetes-ca").body());
            String ledger = Files.readString(dataDir.resolve("ledger/ledger.jsonl"));
            assertTrue(ledger.contains("\"serial\":\"" + serial + "\""), "serial " + serial + " missing from the ledger");
        }
    }

    @Test
    void aTokenCreatedByTheCliReachesTheRunningServerWithinTwoSeconds() throws Exception {
        int port = ClusterCaProcess.freePort();
        try (ClusterCaProcess ignored = ClusterCaProcess.serve("--data-dir", dataDir.toString(), "--port", "" + port, "--bind", "127.0.0.1")) {
            Https https = new Https(dataDir.resolve("ca/kubernetes-ca.crt"), port);
            String token = createToken();
            assertTrue(BootstrapTokens.FORMAT.matcher(token).matches());
            long deadline = System.nanoTime() + 2_000_000_000L;
            int status;
            do {
                status = https.post("/v1/sign", token, kubeletSignBody("worker-2")).statusCode();
            } while (status == 401 && System.nanoTime() < deadline);
            assertEquals(200, status);
        }
    }

    @Test
    void thePackagedServerVerifiesCsrSignaturesWithConscryptFromTheShadedJar() throws Exception {
        int port = ClusterCaProcess.freePort();
        String token = createToken(); // before serve: a token made while it runs is picked up only within 2 s
        try (ClusterCaProcess server = ClusterCaProcess.serve("--data-dir", dataDir.toString(), "--port", "" + port, "--bind", "127.0.0.1")) {
            String providers = server.awaitLine(l -> l.startsWith("CSR signatures verified by"), Duration.ofSeconds(10));
            assertEquals("CSR signatures verified by Conscrypt, certificates signed by AmazonCorrettoCryptoProvider", providers);
            assertEquals(200, new Https(dataDir.resolve("ca/kubernetes-ca.crt"), port)
                    .post("/v1/sign", token, kubeletSignBody("worker-9")).statusCode());
        }
    }

    @Test
    void noPrivateKeyIsInClearInTheDataDirAfterServing() throws Exception {
        int port = ClusterCaProcess.freePort();
        try (ClusterCaProcess ignored = ClusterCaProcess.serve("--data-dir", dataDir.toString(), "--port", "" + port, "--bind", "127.0.0.1")) {
            assertTrue(Files.exists(dataDir.resolve("ca/kubernetes-ca.crt")));
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains("PRIVATE KEY"), f.toString());
            }
        }
    }

    @Test
    void aBadFlagExitsTwoWithOneLine() {
        ClusterCaProcess.Result r = ClusterCaProcess.run("serve", "--port", "not-a-port");
        assertEquals(2, r.exitCode());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
    }
}
