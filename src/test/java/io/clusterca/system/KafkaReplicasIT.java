package io.clusterca.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.kafka.InProcessKafka;
import io.clusterca.testing.Openssl;
import io.clusterca.testing.TestCsrs;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged servers sharing one CA and one real Kafka broker: a certificate issued by replica A
 * reaches replica B through the compacted ledger topic, so a revocation rule applied on B alone
 * (by group, not by serial) puts A's certificate on B's CRL.
 */
class KafkaReplicasIT {
    @RegisterExtension
    static final InProcessKafka KAFKA = new InProcessKafka();

    @TempDir
    Path root;

    @Test
    void aCertificateIssuedByOneReplicaIsRevokedByRuleOnTheOther() throws Exception {
        Path a = root.resolve("a");
        Path b = root.resolve("b");
        ClusterCaProcess.Result token = ClusterCaProcess.run("token", "create", "--data-dir", a.toString());
        assertEquals(0, token.exitCode(), token.stderr());
        String bearer = token.stdout().strip().lines().reduce((x, y) -> y).orElseThrow();
        int portA = ClusterCaProcess.freePort();
        int portB = ClusterCaProcess.freePort();
        String kafka = KAFKA.bootstrapServers();
        try (ClusterCaProcess replicaA = ClusterCaProcess.serve("--data-dir", a.toString(), "--port", "" + portA, "--bind", "127.0.0.1",
                "--kafka-bootstrap", kafka)) {
            copyKeyState(a, b); // replicas share one CA, as Kubernetes mode arranges through Secret clusterca-keys
            try (ClusterCaProcess replicaB = ClusterCaProcess.serve("--data-dir", b.toString(), "--port", "" + portB, "--bind", "127.0.0.1",
                    "--kafka-bootstrap", kafka)) {
                Path ca = a.resolve("ca/kubernetes-ca.crt");
                HttpResponse<String> signed = new Https(ca, portA).post("/v1/sign", bearer, new JsonObject()
                        .put("signerName", "kubernetes.io/kube-apiserver-client-kubelet")
                        .put("request", TestCsrs.of("CN=system:node:worker-7,O=system:nodes").pem()).encode());
                assertEquals(200, signed.statusCode(), signed.body());
                String serial = new JsonObject(signed.body()).getString("serial");

                Files.createDirectories(b.resolve("revocations"));
                Files.writeString(b.resolve("revocations/nodes.yaml"), """
                        apiVersion: clusterca.io/v1
                        kind: RenewRevocation
                        metadata: {name: all-nodes, namespace: kube-system}
                        spec:
                          revocations:
                          - {kind: Group, group: system:nodes}
                        """);
                Https onB = new Https(ca, portB);
                long deadline = System.nanoTime() + 60_000_000_000L;
                String crl = "";
                while (System.nanoTime() < deadline && !crl.toUpperCase().contains(serial.toUpperCase())) {
                    Path der = Files.write(root.resolve("crl.der"), onB.getBytes("/v1/crl/kubernetes-ca"));
                    crl = Openssl.run(root, "crl", "-inform", "DER", "-in", der.toString(), "-CAfile", ca.toString(), "-noout", "-text").output();
                }
                String lastCrl = crl;
                assertTrue(crl.toUpperCase().contains(serial.toUpperCase()), () -> "A's serial " + serial + " never reached B's CRL:\n" + lastCrl
                        + "\nA's output:\n" + String.join("\n", replicaA.output())
                        + "\nB's output:\n" + String.join("\n", replicaB.output()));
                assertTrue(crl.contains("verify OK"), crl);
                String readyz = onB.get("/readyz?verbose").body();
                assertTrue(readyz.contains("[+]events ok (kafka, replica " + Files.readString(b.resolve("replica-id")).strip() + ", backlog"),
                        readyz);
            }
        }
        assertNotEquals(Files.readString(a.resolve("replica-id")), Files.readString(b.resolve("replica-id")),
                "replicas on one host need their own Kafka identities");
    }

    private static void copyKeyState(Path from, Path to) throws Exception {
        for (String dir : new String[] {"ca", "kek", "keys"}) {
            Files.createDirectories(to.resolve(dir));
            try (Stream<Path> files = Files.list(from.resolve(dir))) {
                for (Path f : files.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                    Files.copy(f, to.resolve(dir).resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
