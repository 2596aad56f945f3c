package io.clusterca.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** openssl as the independent checker of what we issue. */
public final class Openssl {
    private Openssl() {}

    public record Result(int exitCode, String output) {}

    public static Result run(Path workDir, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("openssl timed out: " + cmd);
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError("cannot run openssl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
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
}
