package io.clusterca.ca.sakeys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the openssl CLI as an independent checker. */
final class Openssl {
    private Openssl() {}

    /** stdout of {@code openssl args...}; fails with stderr when openssl exits non-zero. */
    static byte[] run(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("openssl " + String.join(" ", args) + " timed out");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("openssl " + String.join(" ", args) + " failed: " + err);
        }
        return out;
    }

    static String runText(Path workDir, String... args) throws IOException, InterruptedException {
        return new String(run(workDir, args), StandardCharsets.UTF_8);
    }
}
