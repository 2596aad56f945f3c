package io.clusterca.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.testing.Openssl;
import io.clusterca.testing.TestCsrs;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revocation as an operator sees it: a RenewRevocation file dropped into the running server's data
 * dir is in force within 2 s, the CRL lists the serial (checked by openssl crl) and openssl's own
 * OCSP client, talking HTTP to the server, reads "revoked".
 */
class RevocationProcessIT {
    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @Test
    void aRevocationFileReachesTheCrlAndOcspWithinTwoSeconds() throws Exception {
        ClusterCaProcess.Result token = ClusterCaProcess.run("token", "create", "--data-dir", dataDir.toString());
        String bearer = token.stdout().strip().lines().reduce((a, b) -> b).orElseThrow();
        int port = ClusterCaProcess.freePort();
        try (ClusterCaProcess ignored = ClusterCaProcess.serve("--data-dir", dataDir.toString(), "--port", "" + port, "--bind", "127.0.0.1")) {
            Path ca = dataDir.resolve("ca/kubernetes-ca.crt");
            Https https = new Https(ca, port);
            HttpResponse<String> signed = https.post("/v1/sign", bearer, new JsonObject()
                    .put("signerName", "kubernetes.io/kube-apiserver-client-kubelet")
                    .put("request", TestCsrs.of("CN=system:node:worker-9,O=system:nodes").pem()).encode());
            assertEquals(200, signed.statusCode(), signed.body());
            String serial = new JsonObject(signed.body()).getString("serial");
            Path leaf = Files.writeString(work.resolve("leaf.pem"), new JsonObject(signed.body()).getString("certificate"));

            assertTrue(ocsp(ca, leaf, port).contains(": good"), "expected good before revocation");

            Files.createDirectories(dataDir.resolve("revocations"));
            Files.writeString(dataDir.resolve("revocations/stolen.yaml"), """
                    apiVersion: clusterca.io/v1
                    kind: RenewRevocation
                    metadata: {name: stolen-kubelet-cert, namespace: kube-system}
                    spec:
                      revocations:
                      - {kind: serialnumber, serialNumber: "%s"}
                    """.formatted(serial));
            long deadline = System.nanoTime() + 2_500_000_000L;
            String crlText;
            do {
                Path crl = work.resolve("crl.der");
                Files.write(crl, https.getBytes("/v1/crl/kubernetes-ca"));
                Openssl.Result r = Openssl.run(work, "crl", "-inform", "DER", "-in", crl.toString(), "-CAfile", ca.toString(), "-noout", "-text");
                assertTrue(r.output().contains("verify OK"), r.output());
                crlText = r.output();
            } while (!crlText.toUpperCase().contains(serial.toUpperCase()) && System.nanoTime() < deadline);
            assertTrue(crlText.toUpperCase().contains(serial.toUpperCase()), "serial not on the CRL within 2 s:\n" + crlText);
            assertTrue(ocsp(ca, leaf, port).contains(": revoked"), "expected revoked after the rule");
        }
    }

    /** openssl's OCSP client against the live server over HTTPS. */
    private String ocsp(Path ca, Path leaf, int port) {
        Openssl.Result r = Openssl.run(work, "ocsp", "-issuer", ca.toString(), "-cert", leaf.toString(), "-CAfile", ca.toString(),
                "-url", "https://localhost:" + port + "/v1/ocsp/kubernetes-ca", "-verify_other", ca.toString());
        assertTrue(r.output().contains("Response verify OK"), r.output());
        return r.output();
    }
}
