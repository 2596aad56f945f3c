package io.clusterca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.crypto.Pem;
import io.clusterca.testing.Openssl;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Revoke a control-plane certificate by serial with a RenewRevocation file, then repair the layout. */
class RepairCommandTest {
    @TempDir
    Path dir;
    Path pki;
    Path data;

    @BeforeEach
    void init() {
        pki = dir.resolve("pki");
        data = dir.resolve("data");
        assertEquals(0, Cli.run("init", "--pki-dir", pki.toString(), "--data-dir", data.toString(), "--node-name", "cp-1",
                "--advertise-address", "10.0.0.10").exitCode());
    }

    private String serialOf(String file) throws Exception {
        return Pem.certificate(Files.readString(pki.resolve(file))).getSerialNumber().toString(16);
    }

    private void revokeSerial(String serial) throws Exception {
        Files.createDirectories(data.resolve("revocations"));
        Files.writeString(data.resolve("revocations/incident.yaml"), """
                apiVersion: clusterca.io/v1
                kind: RenewRevocation
                metadata: {name: incident, namespace: kube-system}
                spec:
                  revocations:
                  - {kind: SerialNumber, serialNumber: "%s"}
                """.formatted(serial.toUpperCase()));
    }

    @Test
    void aRevokedCertificateIsReissuedWithTheSameSubjectAndTheLayoutVerifies() throws Exception {
        String revoked = serialOf("apiserver-kubelet-client.crt");
        String untouched = serialOf("etcd/server.crt");
        revokeSerial(revoked);
        Cli.Run r = Cli.run("repair", "--pki-dir", pki.toString(), "--data-dir", data.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("apiserver-kubelet-client"), r.out());
        assertNotEquals(revoked, serialOf("apiserver-kubelet-client.crt"));
        assertEquals(untouched, serialOf("etcd/server.crt"));
        assertEquals(0, Openssl.run(pki, "verify", "-CAfile", "ca.crt", "apiserver-kubelet-client.crt").exitCode());
    }

    @Test
    void aHealthyLayoutNeedsNoRepair() {
        Cli.Run r = Cli.run("repair", "--pki-dir", pki.toString(), "--data-dir", data.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("nothing to repair"), r.out());
    }

    @Test
    void offlineSigningHonoursTheRevocationsDir() throws Exception {
        Files.createDirectories(data.resolve("revocations"));
        Files.writeString(data.resolve("revocations/nodes.yaml"), """
                apiVersion: clusterca.io/v1
                kind: RenewRevocation
                metadata: {name: nodes, namespace: kube-system}
                spec:
                  revocations:
                  - {kind: Group, group: system:nodes}
                """);
        Path csr = Files.writeString(dir.resolve("n.csr"), io.clusterca.testing.TestCsrs.of("CN=system:node:w1,O=system:nodes").pem());
        Cli.Run r = Cli.run("sign", "--signer", "kubernetes.io/kube-apiserver-client-kubelet", "--csr", csr.toString(),
                "--data-dir", data.toString());
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("refused: revoked by Group system:nodes"), r.err());
    }
}
