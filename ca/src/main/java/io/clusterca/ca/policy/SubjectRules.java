package io.clusterca.ca.policy;

import static io.clusterca.ca.policy.Rule.refuseWhen;

import java.util.List;
import java.util.Optional;

/** Rules on the CSR's subject name. */
public final class SubjectRules {
    private SubjectRules() {}

    /** Exactly one common name (Go would silently take the last of several; a verifier may take the first). */
    public static Rule singleCommonName() {
        return (request, csr) -> {
            if (csr.commonNames().isEmpty()) {
                return Optional.of("subject common name is required");
            }
            return csr.commonNames().size() > 1
                    ? Optional.of("subject must not have more than one common name")
                    : Optional.empty();
        };
    }

    /**
     * The subject's organizations are exactly {@code expected}, in order and nothing else, as
     * {@code reflect.DeepEqual([]string{"system:nodes"}, req.Subject.Organization)} in
     * pkg/apis/certificates/helpers.go ValidateKubeletClientCSR / ValidateKubeletServingCSR.
     */
    public static Rule organizationExactly(List<String> expected) {
        List<String> exact = List.copyOf(expected);
        return refuseWhen((request, csr) -> !csr.organizations().equals(exact),
                "subject organization must be exactly " + exact);
    }

    /**
     * The common name is {@code system:node:<name>} with a non-empty name. Kubernetes only checks
     * the prefix; an empty name would authenticate as a node called "".
     */
    public static Rule nodeCommonName() {
        return (request, csr) -> {
            String cn = csr.commonName().orElse("");
            if (!cn.startsWith(Requester.NODE_PREFIX)) {
                return Optional.of("subject common name must start with " + Requester.NODE_PREFIX);
            }
            return cn.length() == Requester.NODE_PREFIX.length()
                    ? Optional.of("subject common name must name a node after " + Requester.NODE_PREFIX)
                    : Optional.empty();
        };
    }
}
