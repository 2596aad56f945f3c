package io.clusterca.ca.kubeadm;

import java.util.List;

/** What {@code init} did to each certificate/key pair, CAs first, in kubeadm's order. */
public record InitResult(List<FileOutcome> files) {
    public InitResult {
        files = List.copyOf(files);
    }

    /**
     * @param name   kubeadm's name: {@code ca}, {@code etcd-ca}, {@code apiserver}, ...
     * @param detail for KEPT and REPLACED, why; for CREATED, the files written
     */
    public record FileOutcome(String name, Action action, String detail) {}

    public enum Action {
        /** Written where nothing (or only part of a CA pair) was. */
        CREATED,
        /** Already valid: left untouched, as kubeadm's "Using the existing ... certificate and key". */
        KEPT,
        /** Could not be kept and {@link InitOptions#overwrite()} was set. */
        REPLACED
    }
}
