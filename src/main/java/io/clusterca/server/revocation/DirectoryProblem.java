package io.clusterca.server.revocation;

import java.nio.file.Path;

/** A file of the revocations directory that is not in force as written, and why (for /readyz?verbose and logs). */
public record DirectoryProblem(Path file, String reason) {
    @Override
    public String toString() {
        return file + ": " + reason;
    }
}
