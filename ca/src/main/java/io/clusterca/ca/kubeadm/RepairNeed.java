package io.clusterca.ca.kubeadm;

import java.math.BigInteger;
import java.time.Instant;

/** A leaf on disk that {@code repair} must re-issue, and the certificate it found. */
public record RepairNeed(KubeadmCert certificate, RepairReason reason, BigInteger serial, Instant notAfter) {
    @Override
    public String toString() {
        return certificate.kubeadmName() + " (serial " + serial.toString(16) + ", " + reason.name().toLowerCase(java.util.Locale.ROOT)
                + ", expires " + notAfter + ")";
    }
}
