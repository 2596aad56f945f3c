package io.clusterca.ca.ledger;

import java.time.Instant;
import java.util.List;

/** Test data: ledger entries with only what a test varies. */
public final class LedgerEntries {
    private LedgerEntries() {}

    public static LedgerEntry node(String serial, String node, Instant issuedAt) {
        return new LedgerEntry(serial, "kubernetes.io/kube-apiserver-client-kubelet", "kubernetes-ca",
                "CN=system:node:" + node + ",O=system:nodes", "system:node:" + node, List.of("system:nodes"),
                List.of(), List.of(), issuedAt.minusSeconds(300), issuedAt.plusSeconds(4 * 86400),
                "system:bootstrap:abcdef", issuedAt);
    }
}
