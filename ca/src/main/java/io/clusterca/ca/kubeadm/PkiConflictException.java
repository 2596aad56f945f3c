package io.clusterca.ca.kubeadm;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code init} found files it may not keep and was not told to overwrite them; nothing was written.
 * Each conflict names the certificate and the reason.
 */
public final class PkiConflictException extends IllegalStateException {
    private final transient List<String> conflicts;

    public PkiConflictException(Path pkiDir, List<String> conflicts) {
        super(pkiDir + " holds files init cannot keep (nothing was written; replace them with overwrite): "
                + String.join("; ", conflicts));
        this.conflicts = List.copyOf(conflicts);
    }

    public List<String> conflicts() {
        return conflicts;
    }
}
