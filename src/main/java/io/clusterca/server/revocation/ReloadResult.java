package io.clusterca.server.revocation;

import java.nio.file.Path;
import java.util.List;

/**
 * What one {@link RevocationDirectory#reload()} did.
 *
 * @param applied  files whose (changed) rules are now in force
 * @param removed  files that disappeared, taking their rules with them
 * @param problems every file currently not in force as written, changed in this reload or not
 */
public record ReloadResult(List<Path> applied, List<Path> removed, List<DirectoryProblem> problems) {
    public ReloadResult {
        applied = List.copyOf(applied);
        removed = List.copyOf(removed);
        problems = List.copyOf(problems);
    }

    public boolean changed() {
        return !applied.isEmpty() || !removed.isEmpty();
    }
}
