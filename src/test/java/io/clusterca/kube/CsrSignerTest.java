package io.clusterca.kube;

import static io.clusterca.kube.KubeFixtures.bootstrapCsr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.clusterca.ca.policy.SignerNames;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CsrSignerTest {
    private final CsrSigner signer = new CsrSigner(KubeFixtures.PROFILES, RevokedIdentityCheck.NONE);

    private static CertificateSigningRequest with(CertificateSigningRequest csr, String... conditionTypes) {
        CertificateSigningRequestBuilder b = new CertificateSigningRequestBuilder(csr);
        for (String type : conditionTypes) {
            b.editOrNewStatus().addToConditions(CsrConditions.condition(type, "Test", "test", Instant.now())).endStatus();
        }
        return b.build();
    }

    @Test
    void signsAnApprovedCsrWithoutCertificate() {
        SigningStep step = signer.decide(with(bootstrapCsr("csr-1", "worker-1"), CsrConditions.APPROVED));

        SigningStep.Sign sign = assertInstanceOf(SigningStep.Sign.class, step);
        assertEquals(SignerNames.KUBELET_CLIENT, sign.request().signerName());
        assertEquals("system:bootstrap:abcdef", sign.request().requester().orElseThrow().username());
    }

    @Test
    void skipsACsrNobodyApproved() {
        assertEquals(new SigningStep.Skip("not approved"), signer.decide(bootstrapCsr("csr-1", "worker-1")));
    }

    @Test
    void skipsADeniedCsr() {
        assertEquals(new SigningStep.Skip("denied"), signer.decide(with(bootstrapCsr("csr-1", "worker-1"), CsrConditions.DENIED)));
    }

    @Test
    void skipsAFailedCsr() {
        assertEquals(new SigningStep.Skip("failed"),
                signer.decide(with(bootstrapCsr("csr-1", "worker-1"), CsrConditions.APPROVED, CsrConditions.FAILED)));
    }

    @Test
    void skipsACsrAlreadySigned() {
        CertificateSigningRequest signed = new CertificateSigningRequestBuilder(
                with(bootstrapCsr("csr-1", "worker-1"), CsrConditions.APPROVED))
                .editStatus().withCertificate("LS0tLS1CRUdJTi0tLS0t").endStatus().build();

        assertEquals(new SigningStep.Skip("already signed"), signer.decide(signed));
    }

    @Test
    void failsAnApprovedRenewalOfARevokedIdentity() {
        CsrSigner withRevocation = new CsrSigner(KubeFixtures.PROFILES, identity -> Optional.of("serial 1f"));

        SigningStep step = withRevocation.decide(with(bootstrapCsr("csr-1", "worker-1"), CsrConditions.APPROVED));

        assertEquals(new SigningStep.Fail("the current certificate of system:node:worker-1 is revoked (serial 1f): "
                + "it cannot be renewed"), step);
    }

    @Test
    void raisesExpirationSecondsBelowTenMinutesToTenMinutes() {
        CertificateSigningRequest csr = new CertificateSigningRequestBuilder(
                with(bootstrapCsr("csr-1", "worker-1"), CsrConditions.APPROVED))
                .editSpec().withExpirationSeconds(300).endSpec().build();

        SigningStep.Sign sign = assertInstanceOf(SigningStep.Sign.class, signer.decide(csr));

        assertEquals(Optional.of(Duration.ofMinutes(10)), sign.request().expiration());
    }

    @Test
    void passesLongerExpirationSecondsThroughForTheCaToCap() {
        assertEquals(Optional.of(Duration.ofDays(365)), KubeCsrRequests.expiration(365 * 86400));
        assertEquals(Optional.empty(), KubeCsrRequests.expiration(null));
    }
}
