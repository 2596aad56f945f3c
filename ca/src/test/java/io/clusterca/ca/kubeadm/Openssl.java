package io.clusterca.ca.kubeadm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

/** The openssl 3 command line, the independent judge of what the engine writes. */
final class Openssl {
    private Openssl() {}

    /** The project's one openssl runner; this class only adds the kubeadm tests' conveniences. */
    static io.clusterca.testing.Openssl.Result run(Path workDir, String... args) {
        return io.clusterca.testing.Openssl.run(workDir, args);
    }

    /** Runs and requires exit code 0; returns the output. */
    static String ok(Path workDir, String... args) {
        io.clusterca.testing.Openssl.Result r = run(workDir, args);
        assertEquals(0, r.exitCode(), () -> "openssl " + String.join(" ", args) + " failed:\n" + r.output());
        return r.output();
    }

    /** {@code openssl x509 -text -noout -in <pki>/<base>.crt}. */
    static String text(Path pkiDir, String baseName) {
        return ok(pkiDir, "x509", "-text", "-noout", "-in", baseName + ".crt");
    }
}
