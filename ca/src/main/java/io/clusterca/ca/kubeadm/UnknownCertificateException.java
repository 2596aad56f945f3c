package io.clusterca.ca.kubeadm;

/** A certificate name kubeadm does not know; the message lists the valid ones. Maps to CLI exit 2. */
public final class UnknownCertificateException extends IllegalArgumentException {
    public UnknownCertificateException(String name) {
        super("unknown certificate \"" + name + "\": valid names are all, " + KubeadmCert.namesSorted());
    }
}
