package io.clusterca.ca.kubeadm;

import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.ledger.Ledger;
import io.clusterca.ca.ledger.LedgerEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Records the control-plane leaves of a kubeadm PKI dir in the issuance ledger, so revocation by
 * rule, the CRL, OCSP and renewal know them like any other certificate. Idempotent by serial.
 */
public final class PkiLedger {
    private PkiLedger() {}

    /** @return how many leaves were newly recorded */
    public static int record(Path pkiDir, Ledger ledger, String requester, Instant now) {
        int recorded = 0;
        for (KubeadmCert leaf : KubeadmCert.values()) {
            Path file = pkiDir.resolve(leaf.baseName() + ".crt");
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                LedgerEntry entry = LedgerEntry.of(Pem.certificate(Files.readString(file)), leaf.signerName(), leaf.ca().id(),
                        requester, now);
                if (ledger.bySerial(entry.serial()).isEmpty()) {
                    ledger.append(entry);
                    recorded++;
                }
            } catch (IOException | RuntimeException e) {
                // An unreadable certificate is reported by check-expiration; it cannot be recorded.
            }
        }
        return recorded;
    }
}
