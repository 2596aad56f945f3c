package io.clusterca.kube;

import io.clusterca.ca.ClusterAuthority;
import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.policy.SignerProfiles;
import io.clusterca.server.HealthChecks;
import io.clusterca.server.Metrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Kubernetes mode of {@code serve}: on every replica the read-only informers (RenewRevocations for the
 * revocation registry, legacy token Secrets for the webhook); on the leader only, the CSR approver and
 * signer, the trust-bundle publisher, the webhook caBundle injector and any extra leader-only work (rotations).
 * Does not own the client: the caller closes it after {@link #close()}.
 */
public final class KubernetesMode implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KubernetesMode.class.getName());

    /** The narrow seams to the revocation engine and the webhook. */
    public record Seams(RevocationSink revocations, LegacyTokenSink legacyTokens, RevokedIdentityCheck revokedIdentities) {}

    private final List<Controller> everyReplica;
    private final List<Controller> leaderOnly;
    private final LeaderElection election;

    private KubernetesMode(List<Controller> everyReplica, List<Controller> leaderOnly, LeaderElection election) {
        this.everyReplica = List.copyOf(everyReplica);
        this.leaderOnly = List.copyOf(leaderOnly);
        this.election = election;
    }

    /**
     * Starts the informers and stands for election. Returns at once: nothing here waits for the API server, and
     * informers that cannot list yet (API server down, CRD or RBAC missing) keep retrying, reported by readiness.
     *
     * @param profiles      the signer profiles the authority's issuer uses (the approver decides with the same)
     * @param extraLeaderWork further leader-only controllers, e.g. key rotations
     */
    public static KubernetesMode start(KubernetesClient client, ClusterAuthority authority, SignerProfiles profiles,
                                       Seams seams, KubernetesModeSettings settings, Metrics metrics,
                                       List<Controller> extraLeaderWork) {
        List<Controller> everyReplica = List.of(
                new RenewRevocationInformer(client, RenewRevocationInformer.RESOURCE, seams.revocations(), settings.resync()),
                new LegacyTokenSecretInformer(client, seams.legacyTokens(), settings.resync()));
        List<Controller> leaderOnly = new ArrayList<>(List.of(
                new CsrController(client, new CsrApprover(profiles, seams.revokedIdentities()),
                        new CsrSigner(profiles, seams.revokedIdentities()), authority.issuer()::issue, metrics,
                        authority.clock(), settings.resync()),
                new TrustBundlePublisher(client, TrustBundle.of(authority.cas()), settings.bundleNamespaceLabel(), metrics,
                        settings.resync()),
                new WebhookCaBundleInjector(client, settings.webhookConfigurationName(),
                        WebhookCaBundle.ofPem(Pem.encode(authority.cas().get(CaName.KUBERNETES_CA).certificate())),
                        metrics, settings.resync())));
        leaderOnly.addAll(extraLeaderWork);
        LeaderElection election = new LeaderElection(client, settings.namespace(), settings.leaseName(),
                settings.identity(), settings.leaseTimings(), leaderOnly);
        KubernetesMode mode = new KubernetesMode(everyReplica, leaderOnly, election);
        everyReplica.forEach(Controller::start);
        election.start();
        metrics.gauge("clusterca_leader", "1 when this replica holds the leader lease", () -> election.isLeader() ? 1 : 0);
        return mode;
    }

    public boolean isLeader() {
        return election.isLeader();
    }

    /**
     * Readiness for {@code /readyz}: ready once this replica's own informers have synced (a replica that does not
     * yet know the revocations must not serve renewals), leader or follower alike; the detail says which. The
     * leader-only controllers syncing after a handover is reported, not failed: the webhook and the HTTP API of
     * the new leader must not drop out of the Service for it.
     */
    public Supplier<HealthChecks.Status> readiness() {
        return () -> {
            List<String> unsynced = everyReplica.stream().filter(c -> !c.synced()).map(Controller::name).toList();
            if (!unsynced.isEmpty()) {
                return HealthChecks.Status.failed("informers not synced: " + String.join(", ", unsynced));
            }
            if (!election.isLeader()) {
                return HealthChecks.Status.healthy("follower" + election.leader().map(l -> ", leader " + l).orElse(""));
            }
            List<String> syncing = leaderOnly.stream().filter(c -> !c.synced()).map(Controller::name).toList();
            return HealthChecks.Status.healthy(syncing.isEmpty() ? "leader" : "leader, syncing " + String.join(", ", syncing));
        };
    }

    /** Stops the leader-only work and releases the lease, then stops the informers. */
    @Override
    public void close() {
        try {
            election.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "leader election did not close cleanly: " + e.getMessage(), e);
        }
        everyReplica.forEach(Controller::stop);
    }
}
