package io.clusterca.ca.policy;

import java.util.Optional;

/**
 * Who may use a signer. An empty requester is an administrator signing offline with the CLI; a
 * requester in {@code system:masters} is an administrator too (Kubernetes' authorizer allows that
 * group everything, so a SubjectAccessReview would approve it for any signer).
 */
public final class RequesterRules {
    public static final String ADMINISTRATORS_GROUP = "system:masters";

    private RequesterRules() {}

    public static boolean isAdministrator(Optional<Requester> requester) {
        return requester.map(r -> r.groups().contains(ADMINISTRATORS_GROUP)).orElse(true);
    }

    /** Signers for control-plane certificates: administrators only. */
    public static Rule administratorsOnly() {
        return (request, csr) -> isAdministrator(request.requester()) ? Optional.empty()
                : Optional.of("signer " + request.signerName() + " is reserved for administrators (group "
                        + ADMINISTRATORS_GROUP + "): " + request.requester().get().username() + " may not use it");
    }

    /**
     * Kubelet client certificates, as pkg/controller/certificates/approver/sarapprove.go: a node may
     * renew its own ({@code isSelfNodeClientCert}: username == CN, the "selfnodeclient" permission
     * kubeadm grants to system:nodes); a bootstrapper may get one for any node ("nodeclient",
     * granted to system:bootstrappers) because it is the node's first certificate.
     */
    public static Rule kubeletClientRequester() {
        return (request, csr) -> request.requester()
                .filter(r -> !isAdministrator(request.requester()) && !r.isBootstrapper())
                .flatMap(r -> r.isNode() ? selfOnly(r, csr)
                        : Optional.of(r.username() + " may not use signer " + request.signerName()
                                + ": only the node itself, a bootstrapper (group " + Requester.BOOTSTRAPPERS_GROUP
                                + ") or an administrator may"));
    }

    /**
     * Kubelet serving certificates: only the node itself. A bootstrap token proves membership of the
     * cluster, not which node is talking, so it could claim any node's names.
     */
    public static Rule kubeletServingRequester() {
        return (request, csr) -> request.requester()
                .filter(r -> !isAdministrator(request.requester()))
                .flatMap(r -> {
                    if (r.isBootstrapper()) {
                        return Optional.of("bootstrappers may not request serving certificates: only the node itself may use "
                                + request.signerName());
                    }
                    return r.isNode() ? selfOnly(r, csr)
                            : Optional.of(r.username() + " may not use signer " + request.signerName()
                                    + ": only the node itself or an administrator may");
                });
    }

    private static Optional<String> selfOnly(Requester node, CsrFacts csr) {
        String cn = csr.commonName().orElse("");
        return node.username().equals(cn) ? Optional.empty()
                : Optional.of("node " + node.username() + " may only request a certificate for itself, not for " + cn);
    }
}
