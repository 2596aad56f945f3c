package io.clusterca.ca.kubeadm;

/** Why {@code repair} re-issues a control-plane leaf. */
public enum RepairReason {
    /** The revocation index matches it (by serial, group, DNS name, IP...). */
    REVOKED,
    /** Past its notAfter. */
    EXPIRED,
    /** Its key file is missing, unreadable, or not the certificate's key (e.g. a write interrupted between the two files). */
    KEY_UNUSABLE
}
