package io.clusterca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.crypto.Pem;
import io.clusterca.testing.Openssl;
import io.clusterca.testing.TestCsrs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignCommandTest {
    private static final String KUBELET_CLIENT = "kubernetes.io/kube-apiserver-client-kubelet";

    @TempDir
    Path dir;

    private Path dataDir() {
        return dir.resolve("data");
    }

    private Path csrFile(String subject) throws Exception {
        return Files.writeString(dir.resolve("req-" + System.nanoTime() + ".csr"), TestCsrs.of(subject).pem());
    }

    private Cli.Run sign(String... extra) {
        String[] base = {"sign", "--data-dir", dataDir().toString(), "--key-algorithm", "ecdsa-p384"};
        return Cli.run(Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new));
    }

    @Test
    void printsTheLeafAndThenTheIssuingCaWhichOpensslVerifies() throws Exception {
        Cli.Run r = sign("--signer", KUBELET_CLIENT, "--csr", csrFile("CN=system:node:worker-1,O=system:nodes").toString());
        assertEquals(0, r.exitCode(), r.err());
        List<X509Certificate> chain = Pem.certificates(r.out());
        assertEquals(2, chain.size());
        assertEquals("CN=kubernetes", chain.get(1).getSubjectX500Principal().getName());
        Openssl.Result verify = Openssl.verify(dir, Pem.encode(chain.get(1)), Pem.encode(chain.get(0)));
        assertEquals(0, verify.exitCode(), verify.output());
        String text = Openssl.run(dir, "x509", "-noout", "-text", "-in",
                Files.writeString(dir.resolve("leaf.pem"), Pem.encode(chain.get(0))).toString()).output();
        assertTrue(text.contains("TLS Web Client Authentication"), text);
        assertTrue(text.contains("CA:FALSE"), text);
    }

    @Test
    void aPolicyRefusalExitsThreeWithTheRuleOnOneLine() throws Exception {
        Cli.Run r = sign("--signer", KUBELET_CLIENT, "--csr", csrFile("CN=system:node:worker-1,O=wrong").toString());
        assertEquals(3, r.exitCode());
        assertEquals("refused: subject organization must be exactly [system:nodes]", r.err().strip());
        assertEquals("", r.out());
    }

    @Test
    void aNodeAskingForAnotherNodesNameIsRefused() throws Exception {
        Cli.Run r = sign("--signer", KUBELET_CLIENT, "--csr", csrFile("CN=system:node:worker-2,O=system:nodes").toString(),
                "--requester", "system:node:worker-1", "--group", "system:nodes");
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("refused: "), r.err());
        assertEquals(1, r.err().strip().lines().count());
    }

    @Test
    void aMalformedCsrExitsTwo() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csr"), "not a csr");
        Cli.Run r = sign("--signer", KUBELET_CLIENT, "--csr", bad.toString());
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void anUnreadableCsrFileExitsTwoNamingIt() {
        Cli.Run r = sign("--signer", KUBELET_CLIENT, "--csr", dir.resolve("missing.csr").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("missing.csr"), r.err());
    }

    @Test
    void anUnknownFlagExitsTwo() {
        Cli.Run r = Cli.run("sign", "--no-such-flag");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("error: "), r.err());
    }

    @Test
    void anUnknownSignerIsRefused() throws Exception {
        Cli.Run r = sign("--signer", "example.com/nope", "--csr", csrFile("CN=x").toString());
        assertEquals(3, r.exitCode());
        assertEquals("refused: unknown signer name example.com/nope", r.err().strip());
    }

    @Test
    void noPrivateKeyIsStoredInClearInTheDataDir() throws Exception {
        assertEquals(0, sign("--signer", KUBELET_CLIENT, "--csr", csrFile("CN=system:node:w,O=system:nodes").toString()).exitCode());
        try (Stream<Path> files = Files.walk(dataDir())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(content.contains("PRIVATE KEY"), f.toString());
            }
        }
    }
}
