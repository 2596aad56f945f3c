package io.clusterca.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** openssl as the independent checker of what we issue; every call runs {@code openssl args...} in a work dir. */
public final class Openssl {
    private Openssl() {}

    /** The exit code and stdout and stderr together, as a person at a terminal would see them. */
    public record Result(int exitCode, String output) {}

    private record Finished(int exitCode, byte[] stdout, String stderr) {}

    public static Result run(Path workDir, String... args) {
        Finished f = execute(workDir, true, args);
        return new Result(f.exitCode(), new String(f.stdout(), StandardCharsets.UTF_8));
    }

    /** Runs and requires exit code 0; returns stdout and stderr together. */
    public static String ok(Path workDir, String... args) {
        Result r = run(workDir, args);
        assertEquals(0, r.exitCode(), () -> "openssl " + String.join(" ", args) + " failed:\n" + r.output());
        return r.output();
    }

    /** Runs and requires exit code 0; returns stdout alone (DER, or text compared exactly), stderr on failure. */
    public static byte[] stdout(Path workDir, String... args) {
        Finished f = execute(workDir, false, args);
        if (f.exitCode() != 0) {
            throw new AssertionError("openssl " + String.join(" ", args) + " failed: " + f.stderr());
        }
        return f.stdout();
    }

    /** {@link #stdout} as UTF-8 text. */
    public static String stdoutText(Path workDir, String... args) {
        return new String(stdout(workDir, args), StandardCharsets.UTF_8);
    }

    /** {@code openssl x509 -text -noout -in certFile}, required to succeed. */
    public static String x509Text(Path workDir, String certFile) {
        return ok(workDir, "x509", "-text", "-noout", "-in", certFile);
    }

    /** {@code openssl verify -CAfile ca chain...}: the leaf (first PEM) against the CA, output on failure. */
    public static Result verify(Path workDir, String caPem, String leafPem) {
        try {
            Path ca = Files.writeString(Files.createTempFile(workDir, "ca", ".pem"), caPem);
            Path leaf = Files.writeString(Files.createTempFile(workDir, "leaf", ".pem"), leafPem);
            return run(workDir, "verify", "-CAfile", ca.toString(), leaf.toString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Finished execute(Path workDir, boolean mergeStderr, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(mergeStderr).start();
            // Without -in, openssl reads stdin: end it so a wrong argument list fails instead of hanging.
            p.getOutputStream().close();
            // A separate stderr is drained alongside stdout, so neither pipe can fill up and stall openssl.
            CompletableFuture<String> stderr = mergeStderr
                    ? CompletableFuture.completedFuture("")
                    : CompletableFuture.supplyAsync(() -> utf8(p.getErrorStream()));
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("openssl timed out: " + cmd);
            }
            return new Finished(p.exitValue(), out, stderr.join());
        } catch (IOException e) {
            throw new AssertionError("cannot run openssl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String utf8(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
