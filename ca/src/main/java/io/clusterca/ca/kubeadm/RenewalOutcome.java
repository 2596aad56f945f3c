package io.clusterca.ca.kubeadm;

import io.clusterca.ca.authority.CertificateAuthority;
import java.math.BigInteger;
import java.time.Instant;

/** What renewing (or repairing) one leaf did. */
public sealed interface RenewalOutcome {
    KubeadmCert certificate();

    /** New key and certificate written; the old serial is what a ledger or CRL may still mention. */
    record Renewed(KubeadmCert certificate, BigInteger oldSerial, BigInteger newSerial, Instant notAfter)
            implements RenewalOutcome {
        @Override
        public String toString() {
            return certificate.kubeadmName() + " renewed: serial " + CertificateAuthority.serialHex(oldSerial)
                    + " -> " + CertificateAuthority.serialHex(newSerial) + ", expires " + notAfter;
        }
    }

    /** No certificate file: nothing to renew from (kubeadm prints "MISSING!" and moves on); init creates it. */
    record Missing(KubeadmCert certificate) implements RenewalOutcome {
        @Override
        public String toString() {
            return certificate.kubeadmName() + " missing: nothing to renew (init creates it)";
        }
    }

    /** Left as it was, with the reason: unreadable file, a usage we cannot issue, a revoked identity... */
    record Skipped(KubeadmCert certificate, String reason) implements RenewalOutcome {
        @Override
        public String toString() {
            return certificate.kubeadmName() + " skipped: " + reason;
        }
    }
}
