package io.clusterca.ca.revocation;

/**
 * Where a rule was written: entry {@code index} of {@code spec.revocations} of the RenewRevocation
 * {@code namespace/name}. Objects read from the data directory have no namespace unless their
 * metadata names one.
 */
public record RuleSource(String namespace, String name, int index) {
    public RuleSource {
        namespace = namespace == null ? "" : namespace;
        name = name == null ? "" : name;
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative");
        }
    }

    /** {@code RenewRevocation kube-system/stolen-kubelet spec.revocations[0]} */
    public String describe() {
        String object = namespace.isEmpty() ? name : namespace + "/" + name;
        return "RenewRevocation " + object + " spec.revocations[" + index + "]";
    }
}
