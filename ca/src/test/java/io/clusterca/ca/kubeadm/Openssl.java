package io.clusterca.ca.kubeadm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The openssl 3 command line, the independent judge of what the engine writes. */
final class Openssl {
    private Openssl() {}

    record Result(int exitCode, String output) {}

    static Result run(Path workDir, String... args) {
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

    /** Runs and requires exit code 0; returns the output. */
    static String ok(Path workDir, String... args) {
        Result r = run(workDir, args);
        assertEquals(0, r.exitCode(), () -> "openssl " + String.join(" ", args) + " failed:\n" + r.output());
        return r.output();
    }

    /** {@code openssl x509 -text -noout -in <pki>/<base>.crt}. */
    static String text(Path pkiDir, String baseName) {
        return ok(pkiDir, "x509", "-text", "-noout", "-in", baseName + ".crt");
    }
}
