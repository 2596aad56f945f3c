package io.clusterca.ca.kubeadm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.CertificateAuthority;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writers take turns with another process (the CLI vs a running server) on the same pki directory. */
class PkiDirectoryLockTest {
    @TempDir
    Path pki;

    @Test
    void renewalWaitsWhileAnotherProcessHoldsTheDirectoryLock() throws Exception {
        Instant now = Instant.now();
        Map<CaName, CertificateAuthority> cas = TestPki.cas(now);
        TestPki.init(pki, cas, now);
        String before = TestPki.read(pki.resolve("apiserver.crt"));
        // fcntl locks, the kind FileChannel.lock takes on Linux; held until a line arrives on stdin.
        Process holder = new ProcessBuilder("python3", "-c", String.join("\n",
                "import fcntl, sys",
                "f = open(sys.argv[1], 'a')",
                "fcntl.lockf(f, fcntl.LOCK_EX)",
                "print('locked', flush=True)",
                "sys.stdin.readline()"), pki.resolve(PkiDirectory.LOCK_FILE).toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
             OutputStream in = holder.getOutputStream()) {
            assertEquals("locked", out.readLine());

            CompletableFuture<List<RenewalOutcome>> renewal = CompletableFuture.supplyAsync(
                    () -> new KubeadmPki(pki).renew("apiserver", cas, now, Duration.ofDays(1)));

            assertThrows(TimeoutException.class, () -> renewal.get(500, TimeUnit.MILLISECONDS));
            assertEquals(before, TestPki.read(pki.resolve("apiserver.crt")), "nothing written while locked");
            in.write('\n');
            in.flush();
            assertInstanceOf(RenewalOutcome.Renewed.class, renewal.get(30, TimeUnit.SECONDS).get(0));
            assertFalse(before.equals(TestPki.read(pki.resolve("apiserver.crt"))));
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
