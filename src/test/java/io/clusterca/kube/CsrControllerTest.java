package io.clusterca.kube;

import static io.clusterca.kube.KubeFixtures.bootstrapCsr;
import static io.clusterca.kube.KubeFixtures.nodeClientCsr;
import static io.clusterca.kube.KubeFixtures.servingCsr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.ClusterAuthority;
import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.issuance.Issuance;
import io.clusterca.ca.ledger.LedgerEntry;
import io.clusterca.ca.policy.CertificateRequest;
import io.clusterca.ca.policy.SignerNames;
import io.clusterca.server.Metrics;
import io.clusterca.testing.Openssl;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CsrControllerTest {
    private static final String CSRS = "/apis/certificates.k8s.io/v1/certificatesigningrequests/";
    @RegisterExtension
    static final MockKubernetes KUBE = new MockKubernetes();

    @TempDir
    Path dataDir;
    @TempDir
    Path work;
    private ClusterAuthority authority;
    private final Metrics metrics = new Metrics();
    private final List<CsrController> controllers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        authority = KubeFixtures.authority(dataDir);
    }

    @AfterEach
    void tearDown() {
        controllers.forEach(CsrController::stop);
        authority.close();
    }

    private CsrController startController(RevokedIdentityCheck revoked, Function<CertificateRequest, Issuance> issuer) {
        return startController(revoked, issuer, metrics);
    }

    private CsrController startController(RevokedIdentityCheck revoked, Function<CertificateRequest, Issuance> issuer,
                                          Metrics metrics) {
        CsrController controller = new CsrController(KUBE.newClient(), new CsrApprover(KubeFixtures.PROFILES, revoked),
                new CsrSigner(KubeFixtures.PROFILES, revoked), issuer, metrics, Clock.systemUTC(), Duration.ofMinutes(10));
        controllers.add(controller);
        controller.start();
        return controller;
    }

    private CsrController startController() {
        return startController(RevokedIdentityCheck.NONE, authority.issuer()::issue);
    }

    private CertificateSigningRequest create(CertificateSigningRequest csr) {
        return KUBE.client().certificates().v1().certificateSigningRequests().resource(csr).create();
    }

    private CertificateSigningRequest get(String name) {
        return KUBE.client().certificates().v1().certificateSigningRequests().withName(name).get();
    }

    private CertificateSigningRequest awaitCertificate(String name) {
        return Poll.value("a certificate in " + name, () -> Optional.ofNullable(get(name)).filter(CsrConditions::hasCertificate));
    }

    private CertificateSigningRequestCondition awaitCondition(String name, String type) {
        return Poll.value(type + " condition on " + name,
                () -> Optional.ofNullable(get(name)).flatMap(csr -> CsrConditions.find(csr, type)));
    }

    /** An administrator approving by hand, before any controller runs. */
    private void approveByHand(String name) {
        CertificateSigningRequest csr = get(name);
        KUBE.client().certificates().v1().certificateSigningRequests().resource(new CertificateSigningRequestBuilder(csr)
                .editOrNewStatus().addToConditions(CsrConditions.condition(CsrConditions.APPROVED, "KubectlApprove",
                        "approved by an administrator", Instant.now())).endStatus().build()).updateStatus();
    }

    private static BigInteger serialOf(CertificateSigningRequest csr) {
        return Pem.certificate(KubeFixtures.decodedCertificate(csr)).getSerialNumber();
    }

    private List<LedgerEntry> ledgerEntries(String commonName) {
        return authority.ledger().entries().stream().filter(e -> e.commonName().equals(commonName)).toList();
    }

    @Test
    void approvesAndSignsABootstrapCsrWithACertificateTheClusterCaVerifies() {
        startController();
        create(bootstrapCsr("node-csr-worker-1", "worker-1"));

        CertificateSigningRequest signed = awaitCertificate("node-csr-worker-1");

        CertificateSigningRequestCondition approved = CsrConditions.find(signed, CsrConditions.APPROVED).orElseThrow();
        assertEquals(CsrConditions.REASON_APPROVED, approved.getReason());
        assertEquals("True", approved.getStatus());
        String chain = KubeFixtures.decodedCertificate(signed);
        List<X509Certificate> certs = Pem.certificates(chain);
        assertEquals(2, certs.size(), "leaf, then the issuing CA");
        assertEquals("CN=system:node:worker-1,O=system:nodes", certs.get(0).getSubjectX500Principal().getName());
        Openssl.Result verify = Openssl.verify(work, KubeFixtures.clusterCaPem(authority), Pem.encode(certs.get(0)));
        assertEquals(0, verify.exitCode(), verify.output());
        assertEquals(certs.get(1), authority.cas().get(io.clusterca.ca.authority.CaName.KUBERNETES_CA).certificate());
    }

    @Test
    void approvesAndSignsANodeRenewingItsOwnClientCertificate() {
        startController();
        create(nodeClientCsr("renew-worker-1", "worker-1", "worker-1"));

        CertificateSigningRequest signed = awaitCertificate("renew-worker-1");

        String leaf = Pem.encode(Pem.certificate(KubeFixtures.decodedCertificate(signed)));
        Openssl.Result verify = Openssl.verify(work, KubeFixtures.clusterCaPem(authority), leaf);
        assertEquals(0, verify.exitCode(), verify.output());
        assertEquals(List.of("system:node:worker-1"), ledgerEntries("system:node:worker-1").stream()
                .map(LedgerEntry::requester).toList());
    }

    @Test
    void approvesThroughTheApprovalSubresourceAndSignsThroughTheStatusSubresource() {
        startController();
        create(bootstrapCsr("csr-paths", "worker-1"));

        awaitCertificate("csr-paths");

        assertEquals(List.of(200), KUBE.api().calls("PUT", CSRS + "csr-paths/approval").stream().map(MockApiServer.Call::code).toList());
        assertEquals(List.of(200), KUBE.api().calls("PUT", CSRS + "csr-paths/status").stream().map(MockApiServer.Call::code).toList());
        assertTrue(KUBE.api().calls("PUT", CSRS + "csr-paths").isEmpty(), "never a PUT of the whole object");
        assertTrue(KUBE.api().calls("PATCH", CSRS + "csr-paths").isEmpty(), "never a PATCH of the whole object");
    }

    @Test
    void deniesANodeAskingForAnotherNodesNameWithTheRuleAsMessage() {
        startController();
        create(nodeClientCsr("steal-worker-2", "worker-1", "worker-2"));

        CertificateSigningRequestCondition denied = awaitCondition("steal-worker-2", CsrConditions.DENIED);

        assertEquals(CsrConditions.REASON_DENIED, denied.getReason());
        assertEquals("node system:node:worker-1 may only request a certificate for itself, not for system:node:worker-2",
                denied.getMessage());
        assertEquals(1, KUBE.api().calls("PUT", CSRS + "steal-worker-2/approval").size());
        assertFalse(CsrConditions.hasCertificate(get("steal-worker-2")));
        assertTrue(authority.ledger().entries().isEmpty());
    }

    @Test
    void deniesAServingCsrWithAForeignDnsName() {
        startController();
        create(servingCsr("serving-worker-1", "worker-1", "worker-1", "kubernetes.default.svc"));

        CertificateSigningRequestCondition denied = awaitCondition("serving-worker-1", CsrConditions.DENIED);

        assertEquals("DNS subjectAltName kubernetes.default.svc must be the node name worker-1 or start with worker-1.",
                denied.getMessage());
        assertFalse(CsrConditions.hasCertificate(get("serving-worker-1")));
    }

    @Test
    void deniesTheRenewalOfARevokedIdentityWithTheMatchingRule() {
        String rule = "RenewRevocation kube-system/worker-1-compromised: dnsName worker-1";
        startController(identity -> identity.equals(SignerNames.KUBELET_CLIENT + "|system:node:worker-1")
                ? Optional.of(rule) : Optional.empty(), authority.issuer()::issue);
        create(nodeClientCsr("renew-revoked", "worker-1", "worker-1"));

        CertificateSigningRequestCondition denied = awaitCondition("renew-revoked", CsrConditions.DENIED);

        assertEquals(CsrApprover.revokedMessage("system:node:worker-1", rule), denied.getMessage());
        assertTrue(denied.getMessage().contains(rule));
        assertTrue(authority.ledger().entries().isEmpty());
    }

    @Test
    void marksAnAdministratorApprovedCsrOurPolicyRefusesAsFailed() {
        create(nodeClientCsr("admin-approved", "worker-1", "worker-2"));
        approveByHand("admin-approved");
        startController();

        CertificateSigningRequestCondition failed = awaitCondition("admin-approved", CsrConditions.FAILED);

        assertEquals(CsrConditions.REASON_SIGNER_VALIDATION_FAILURE, failed.getReason());
        assertEquals("node system:node:worker-1 may only request a certificate for itself, not for system:node:worker-2",
                failed.getMessage());
        CertificateSigningRequest csr = get("admin-approved");
        assertTrue(CsrConditions.has(csr, CsrConditions.APPROVED), "the administrator's approval stays");
        assertFalse(CsrConditions.hasCertificate(csr));
        assertTrue(KUBE.api().calls("PUT", CSRS + "admin-approved/approval").isEmpty(), "an approved CSR is not re-approved");
    }

    @Test
    void writesExactlyOneCertificateWhenTwoControllersSignTheSameCsr() {
        create(bootstrapCsr("raced", "worker-1"));
        approveByHand("raced");
        int byHand = KUBE.api().calls("PUT", CSRS + "raced/status").size();
        // Both controllers issue before either writes, so both writes are attempted against the same version.
        CyclicBarrier bothIssued = new CyclicBarrier(2);
        Function<CertificateRequest, Issuance> issueThenWait = request -> {
            Issuance issuance = authority.issuer().issue(request);
            try {
                bothIssued.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("the other controller did not issue", e);
            }
            return issuance;
        };
        startController(RevokedIdentityCheck.NONE, issueThenWait);
        startController(RevokedIdentityCheck.NONE, issueThenWait);

        BigInteger delivered = serialOf(awaitCertificate("raced"));
        Poll.until("the losing write's 409", () -> KUBE.api().calls("PUT", CSRS + "raced/status").size() == byHand + 2);

        List<Integer> codes = KUBE.api().calls("PUT", CSRS + "raced/status").stream().skip(byHand)
                .map(MockApiServer.Call::code).sorted().toList();
        assertEquals(List.of(200, 409), codes);
        Poll.until("the loser's re-read", () -> metrics.counterValue("clusterca_csr_write_conflicts_total") == 1);
        assertEquals(delivered, serialOf(get("raced")), "the certificate in status never changes");
        // Documented: the loser's certificate stays in the ledger, issued but never delivered.
        List<LedgerEntry> issued = ledgerEntries("system:node:worker-1");
        assertEquals(2, issued.size());
        assertTrue(issued.stream().anyMatch(e -> new BigInteger(e.serial(), 16).equals(delivered)));
    }

    @Test
    void doesNotSignAgainWhenARestartedControllerReconcilesASignedCsr() {
        CsrController first = startController();
        create(bootstrapCsr("signed-once", "worker-1"));
        BigInteger serial = serialOf(awaitCertificate("signed-once"));
        first.stop();

        // A fresh controller lists every CSR, as after a restart, a resync or a leader change.
        Metrics restarted = new Metrics();
        startController(RevokedIdentityCheck.NONE, authority.issuer()::issue, restarted);
        Poll.until("the restarted controller's reconcile of the signed CSR",
                () -> restarted.counterValue("clusterca_kube_reconciles_total", "controller", "csr-signer", "result", "ok") >= 1);

        assertEquals(serial, serialOf(get("signed-once")));
        assertEquals(1, ledgerEntries("system:node:worker-1").size());
        assertEquals(1, KUBE.api().calls("PUT", CSRS + "signed-once/status").size());
    }

    @Test
    void leavesCsrsOfOtherSignersAlone() {
        startController();
        create(new CertificateSigningRequestBuilder(bootstrapCsr("foreign", "worker-1"))
                .editSpec().withSignerName("example.com/custom").endSpec().build());
        create(bootstrapCsr("ours", "worker-1"));

        awaitCertificate("ours");

        CertificateSigningRequest foreign = get("foreign");
        assertTrue(foreign.getStatus() == null || foreign.getStatus().getConditions() == null
                || foreign.getStatus().getConditions().isEmpty());
        assertTrue(KUBE.api().calls("PUT", CSRS + "foreign/approval").isEmpty());
    }
}
