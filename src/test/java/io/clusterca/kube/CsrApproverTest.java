package io.clusterca.kube;

import static io.clusterca.kube.KubeFixtures.bootstrapCsr;
import static io.clusterca.kube.KubeFixtures.nodeClientCsr;
import static io.clusterca.kube.KubeFixtures.servingCsr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.clusterca.ca.policy.SignerNames;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CsrApproverTest {
    private final CsrApprover approver = new CsrApprover(KubeFixtures.PROFILES, RevokedIdentityCheck.NONE);

    @Test
    void approvesABootstrapperAskingForANodeClientCertificate() {
        CsrDecision decision = approver.decide(bootstrapCsr("csr-1", "worker-1"));

        assertEquals(new CsrDecision.Approve("ClusterCA policy for " + SignerNames.KUBELET_CLIENT
                + " allows system:bootstrap:abcdef to request system:node:worker-1"), decision);
    }

    @Test
    void approvesANodeRenewingItsOwnClientCertificate() {
        assertInstanceOf(CsrDecision.Approve.class, approver.decide(nodeClientCsr("csr-1", "worker-1", "worker-1")));
    }

    @Test
    void approvesANodeAskingForAServingCertificateForItsOwnNames() {
        assertInstanceOf(CsrDecision.Approve.class,
                approver.decide(servingCsr("csr-1", "worker-1", "worker-1", "worker-1.cluster.local", "10.0.0.11")));
    }

    @Test
    void deniesANodeAskingForAnotherNodesName() {
        CsrDecision decision = approver.decide(nodeClientCsr("csr-1", "worker-1", "worker-2"));

        assertEquals(new CsrDecision.Deny("node system:node:worker-1 may only request a certificate for itself, "
                + "not for system:node:worker-2"), decision);
    }

    @Test
    void deniesAServingCertificateWithAForeignDnsName() {
        CsrDecision decision = approver.decide(servingCsr("csr-1", "worker-1", "worker-1", "api.example.com"));

        assertEquals(new CsrDecision.Deny("DNS subjectAltName api.example.com must be the node name worker-1 "
                + "or start with worker-1."), decision);
    }

    @Test
    void deniesABootstrapperAskingForAServingCertificate() {
        CertificateSigningRequest csr = KubeFixtures.csr("csr-1", SignerNames.KUBELET_SERVING,
                KubeFixtures.kubeletCsrPem("worker-1", "worker-1"), "system:bootstrap:abcdef",
                KubeFixtures.BOOTSTRAPPER_GROUPS, KubeFixtures.SERVING_USAGES).build();

        CsrDecision decision = approver.decide(csr);

        assertEquals("bootstrappers may not request serving certificates: only the node itself may use "
                + SignerNames.KUBELET_SERVING, ((CsrDecision.Deny) decision).message());
    }

    @Test
    void deniesTheRenewalOfAnIdentityWhoseCurrentCertificateIsRevoked() {
        RevokedIdentityCheck revoked = identity -> identity.equals(SignerNames.KUBELET_CLIENT + "|system:node:worker-1")
                ? Optional.of("RenewRevocation kube-system/compromised-worker-1: group system:nodes")
                : Optional.empty();
        CsrApprover withRevocation = new CsrApprover(KubeFixtures.PROFILES, revoked);

        CsrDecision decision = withRevocation.decide(nodeClientCsr("csr-1", "worker-1", "worker-1"));

        assertEquals(new CsrDecision.Deny("the current certificate of system:node:worker-1 is revoked "
                + "(RenewRevocation kube-system/compromised-worker-1: group system:nodes): it cannot be renewed"), decision);
        assertInstanceOf(CsrDecision.Approve.class, withRevocation.decide(nodeClientCsr("csr-2", "worker-2", "worker-2")));
    }

    @Test
    void deniesARequestThatIsNotAPemCertificateRequest() {
        CertificateSigningRequest csr = new CertificateSigningRequestBuilder(bootstrapCsr("csr-1", "worker-1"))
                .editSpec().withRequest("bm90IGEgY3Ny").endSpec().build();

        assertEquals(new CsrDecision.Deny("spec.request: no PEM certificate request found"), approver.decide(csr));
    }

    @Test
    void deniesARequestWhoseUsagesTheSignerDoesNotAllow() {
        CertificateSigningRequest csr = new CertificateSigningRequestBuilder(bootstrapCsr("csr-1", "worker-1"))
                .editSpec().addToUsages("server auth").endSpec().build();

        CsrDecision decision = approver.decide(csr);

        assertEquals("usage server auth is not allowed by " + SignerNames.KUBELET_CLIENT
                + " (allowed: digital signature, client auth, key encipherment)", ((CsrDecision.Deny) decision).message());
    }

    @Test
    void ignoresSignerNamesItDoesNotServe() {
        CertificateSigningRequest csr = new CertificateSigningRequestBuilder(bootstrapCsr("csr-1", "worker-1"))
                .editSpec().withSignerName("example.com/custom").endSpec().build();

        assertInstanceOf(CsrDecision.Ignore.class, approver.decide(csr));
    }

    @Test
    void ignoresCsrsAlreadyApprovedOrDenied() {
        for (String type : new String[] {CsrConditions.APPROVED, CsrConditions.DENIED}) {
            CertificateSigningRequest csr = new CertificateSigningRequestBuilder(nodeClientCsr("csr-1", "worker-1", "worker-2"))
                    .withNewStatus().addToConditions(CsrConditions.condition(type, "Manual", "by hand", Instant.now()))
                    .endStatus().build();

            assertInstanceOf(CsrDecision.Ignore.class, approver.decide(csr), type);
        }
    }
}
