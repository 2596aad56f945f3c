package io.clusterca.kube;

import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.issuance.Issuance;
import io.clusterca.ca.policy.CertificateRequest;
import io.clusterca.server.Metrics;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.CertificateSigningRequestResource;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The CSR approver and signer of Kubernetes mode (leader only). An informer on certificates.k8s.io/v1
 * CertificateSigningRequests queues the CSRs of the signer names we serve; each reconcile re-reads the CSR
 * from the API server and performs the next write it needs: approve or deny through {@code /approval}, then
 * the certificate (or a Failed condition) through {@code /status}. fabric8's {@code approve()}/{@code deny()}
 * re-read the object and PUT {@code /approval} with its resourceVersion and our one condition as
 * {@code status.conditions}; they are called only for CSRs with no Approved or Denied condition, and the API
 * server refuses the removal of either, so a concurrent decision by someone else is never overwritten.
 *
 * <p>Status writes carry the resourceVersion just read, so of two writers (a resync racing a retry, or two
 * replicas across a lease handover) only one certificate ever lands in {@code status.certificate}: the other
 * gets 409 Conflict, re-reads, sees the certificate and stops. The loser's certificate stays in its ledger,
 * never delivered (an orphan). A certificate issued in one reconcile is reused for its conflict retries, so
 * an unrelated update of the object does not cause a second issuance.
 */
public final class CsrController implements Controller {
    private static final Logger LOG = Logger.getLogger(CsrController.class.getName());
    /** Conflicts tolerated within one reconcile before it fails and the queue retries it later. */
    static final int CONFLICT_RETRIES = 3;

    private final KubernetesClient client;
    private final CsrApprover approver;
    private final CsrSigner signer;
    private final Function<CertificateRequest, Issuance> issuer;
    private final Metrics metrics;
    private final Clock clock;
    private final Duration resync;
    private volatile SharedIndexInformer<CertificateSigningRequest> informer;
    private volatile ReconcileQueue queue;
    private volatile boolean running;

    /** @param issuer blocking ({@code authority.issuer()::issue}); runs on this controller's worker thread */
    public CsrController(KubernetesClient client, CsrApprover approver, CsrSigner signer,
                         Function<CertificateRequest, Issuance> issuer, Metrics metrics, Clock clock, Duration resync) {
        this.client = client;
        this.approver = approver;
        this.signer = signer;
        this.issuer = issuer;
        this.metrics = metrics;
        this.clock = clock;
        this.resync = resync;
    }

    @Override
    public String name() {
        return "csr-signer";
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        ReconcileQueue q = new ReconcileQueue(name(), this::reconcile, metrics);
        queue = q;
        // Deletions are queued too; the reconcile then finds nothing and stops.
        informer = Informers.start(name(), csrs(), new EnqueueOnEvent<>(csr -> enqueueIfServed(q, csr)), resync);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (informer != null) {
            informer.stop();
            informer = null;
        }
        if (queue != null) {
            queue.close();
            queue = null;
        }
    }

    @Override
    public boolean synced() {
        SharedIndexInformer<CertificateSigningRequest> i = informer;
        return i != null && i.hasSynced();
    }

    private void enqueueIfServed(ReconcileQueue q, CertificateSigningRequest csr) {
        if (csr.getSpec() != null && approver.serves(csr.getSpec().getSignerName())) {
            q.enqueue(csr.getMetadata().getName());
        }
    }

    /** Approve/deny, then sign: at most two writes, plus the re-reads after conflicts. */
    void reconcile(String name) {
        IssuedOnce issued = new IssuedOnce();
        int conflicts = 0;
        for (int round = 0; round < 2 + CONFLICT_RETRIES && running; round++) {
            CertificateSigningRequest csr = csrs().withName(name).get();
            if (csr == null) {
                return;
            }
            try {
                if (!advance(csr, issued)) {
                    return;
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || ++conflicts > CONFLICT_RETRIES) {
                    throw e;
                }
                metrics.inc("clusterca_csr_write_conflicts_total", "CSR writes refused with 409 Conflict and retried");
                LOG.fine(() -> "csr " + name + ": conflict, re-reading");
            }
        }
    }

    /** Performs the next write {@code csr} needs; false when it needs no further step. */
    private boolean advance(CertificateSigningRequest csr, IssuedOnce issued) {
        String name = csr.getMetadata().getName();
        CsrDecision decision = approver.decide(csr);
        if (decision instanceof CsrDecision.Approve approve) {
            requireRunning();
            csrs().withName(name).approve(CsrConditions.condition(CsrConditions.APPROVED, CsrConditions.REASON_APPROVED,
                    approve.message(), clock.instant()));
            metrics.inc("clusterca_csr_decisions_total", "CSRs approved or denied", "decision", "approved");
            LOG.info(() -> "csr " + name + ": approved: " + approve.message());
            return true;
        }
        if (decision instanceof CsrDecision.Deny deny) {
            requireRunning();
            csrs().withName(name).deny(CsrConditions.condition(CsrConditions.DENIED, CsrConditions.REASON_DENIED,
                    deny.message(), clock.instant()));
            metrics.inc("clusterca_csr_decisions_total", "CSRs approved or denied", "decision", "denied");
            LOG.info(() -> "csr " + name + ": denied: " + deny.message());
            return false;
        }
        SigningStep step = signer.decide(csr);
        if (step instanceof SigningStep.Fail fail) {
            markFailed(csr, fail.message());
            return false;
        }
        if (step instanceof SigningStep.Sign sign) {
            Issuance issuance = issued.get(() -> issuer.apply(sign.request()));
            if (issuance instanceof Issuance.Issued cert) {
                writeCertificate(csr, cert);
            } else {
                markFailed(csr, ((Issuance.Refused) issuance).reason());
            }
        }
        return false;
    }

    private void writeCertificate(CertificateSigningRequest csr, Issuance.Issued issued) {
        requireRunning();
        String chain = Base64.getEncoder().encodeToString(Pem.encodeAll(issued.chain()).getBytes(StandardCharsets.US_ASCII));
        CertificateSigningRequest signed = new CertificateSigningRequestBuilder(csr)
                .editOrNewStatus().withCertificate(chain).endStatus().build();
        csrs().resource(signed).updateStatus();
        metrics.inc("clusterca_csr_signed_total", "CSRs signed into status.certificate");
        LOG.info(() -> "csr " + csr.getMetadata().getName() + ": signed, serial " + issued.entry().serial());
    }

    private void markFailed(CertificateSigningRequest csr, String message) {
        requireRunning();
        CertificateSigningRequest failed = new CertificateSigningRequestBuilder(csr)
                .editOrNewStatus()
                .addToConditions(CsrConditions.condition(CsrConditions.FAILED,
                        CsrConditions.REASON_SIGNER_VALIDATION_FAILURE, message, clock.instant()))
                .endStatus().build();
        csrs().resource(failed).updateStatus();
        metrics.inc("clusterca_csr_failed_total", "CSRs marked Failed by the signer");
        LOG.info(() -> "csr " + csr.getMetadata().getName() + ": failed: " + message);
    }

    /** A reconcile interrupted by the loss of the lease must not write what the new leader may also write. */
    private void requireRunning() {
        if (!running) {
            throw new IllegalStateException("controller stopped");
        }
    }

    private NonNamespaceOperation<CertificateSigningRequest, CertificateSigningRequestList,
            CertificateSigningRequestResource<CertificateSigningRequest>> csrs() {
        return client.certificates().v1().certificateSigningRequests();
    }

    /** The issuance of one reconcile: made at most once, reused when a conflicting write is retried. */
    private static final class IssuedOnce {
        private Optional<Issuance> issuance = Optional.empty();

        Issuance get(Supplier<Issuance> issue) {
            if (issuance.isEmpty()) {
                issuance = Optional.of(issue.get());
            }
            return issuance.get();
        }
    }
}
