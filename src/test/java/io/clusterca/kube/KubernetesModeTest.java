package io.clusterca.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.ClusterAuthority;
import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.crypto.Pem;
import io.clusterca.server.HealthChecks;
import io.clusterca.server.Metrics;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two replicas in Kubernetes mode against one API server: what runs where. */
class KubernetesModeTest {
    @RegisterExtension
    static final MockKubernetes KUBE = new MockKubernetes();

    @TempDir
    Path dataDirA;
    @TempDir
    Path dataDirB;
    private ClusterAuthority authorityA;
    private ClusterAuthority authorityB;
    private final RenewRevocationInformerTest.RecordingSink revocationsA = new RenewRevocationInformerTest.RecordingSink();
    private final RenewRevocationInformerTest.RecordingSink revocationsB = new RenewRevocationInformerTest.RecordingSink();
    private final Metrics metricsA = new Metrics();
    private final Metrics metricsB = new Metrics();
    private KubernetesMode replicaA;
    private KubernetesMode replicaB;

    private static final LegacyTokenSink NO_TOKENS = new LegacyTokenSink() {
        @Override
        public void put(String namespace, String name) {}

        @Override
        public void remove(String namespace, String name) {}
    };

    @BeforeEach
    void setUp() {
        // Two data dirs stand for two pods; each has its own CA here, which is why shared key state matters.
        authorityA = KubeFixtures.authority(dataDirA);
        authorityB = KubeFixtures.authority(dataDirB);
        replicaA = start("replica-a", authorityA, revocationsA, metricsA);
        replicaB = start("replica-b", authorityB, revocationsB, metricsB);
    }

    private KubernetesMode start(String identity, ClusterAuthority authority, RevocationSink revocations, Metrics metrics) {
        KubernetesModeSettings settings = KubernetesModeSettings.defaults("clusterca", identity)
                .withLeaseTimings(LeaderElectionTest.FAST);
        return KubernetesMode.start(KUBE.newClient(), authority, KubeFixtures.PROFILES,
                new KubernetesMode.Seams(revocations, NO_TOKENS, RevokedIdentityCheck.NONE), settings, metrics, List.of());
    }

    @AfterEach
    void tearDown() {
        replicaA.close();
        replicaB.close();
        authorityA.close();
        authorityB.close();
    }

    @Test
    void bothReplicasAreReadyOneAsLeaderOneAsFollower() {
        Poll.until("a leader", () -> replicaA.isLeader() || replicaB.isLeader());
        KubernetesMode leader = replicaA.isLeader() ? replicaA : replicaB;
        KubernetesMode follower = leader == replicaA ? replicaB : replicaA;
        String leaderName = leader == replicaA ? "replica-a" : "replica-b";

        HealthChecks.Status leaderStatus = Poll.value("the leader's controllers synced",
                () -> Optional.of(leader.readiness().get()).filter(s -> s.detail().equals(Optional.of("leader"))));
        HealthChecks.Status followerStatus = Poll.value("the follower ready, knowing the leader",
                () -> Optional.of(follower.readiness().get()).filter(s -> s.detail().filter(d -> d.contains("leader ")).isPresent()));

        assertTrue(leaderStatus.ok());
        assertTrue(followerStatus.ok());
        assertEquals(Optional.of("follower, leader " + leaderName), followerStatus.detail());
    }

    @Test
    void onlyTheLeaderSignsAndEveryReplicaSeesRevocations() {
        Poll.until("a leader", () -> replicaA.isLeader() || replicaB.isLeader());
        KUBE.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-a")
                .withLabels(Map.of("clusterca.io/ca-bundle", "true")).endMetadata().build()).create();
        KUBE.client().certificates().v1().certificateSigningRequests().resource(KubeFixtures.bootstrapCsr("boot", "worker-1")).create();
        KUBE.client().genericKubernetesResources(RenewRevocationInformer.RESOURCE).inNamespace("kube-system")
                .resource(new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                        .withApiVersion("clusterca.io/v1").withKind("RenewRevocation")
                        .withNewMetadata().withNamespace("kube-system").withName("r1").endMetadata()
                        .addToAdditionalProperties("spec", Map.of("serialNumbers", List.of("1f"))).build()).create();

        Poll.until("the CSR signed", () -> CsrConditions.hasCertificate(
                KUBE.client().certificates().v1().certificateSigningRequests().withName("boot").get()));
        Poll.until("the bundle published", () -> KUBE.client().configMaps().inNamespace("team-a")
                .withName(TrustBundle.CONFIG_MAP_NAME).get() != null);
        Poll.until("both registries fed", () -> revocationsA.sources.containsKey("kube-system/r1")
                && revocationsB.sources.containsKey("kube-system/r1"));

        boolean aLeads = replicaA.isLeader();
        assertEquals(1, (aLeads ? authorityA : authorityB).ledger().entries().size(), "the leader signed");
        assertEquals(0, (aLeads ? authorityB : authorityA).ledger().entries().size(), "the follower did not");
        Metrics follower = aLeads ? metricsB : metricsA;
        assertEquals("", follower.render().lines().filter(l -> l.startsWith("clusterca_kube_reconciles_total"))
                .reduce("", String::concat), "the follower reconciles nothing");
    }

    @Test
    void theFollowerTakesOverTheSigningWhenTheLeaderStops() throws Exception {
        Poll.until("a leader", () -> replicaA.isLeader() || replicaB.isLeader());
        boolean aLeads = replicaA.isLeader();
        KubernetesMode leader = aLeads ? replicaA : replicaB;
        KubernetesMode follower = aLeads ? replicaB : replicaA;
        ClusterAuthority followerCa = aLeads ? authorityB : authorityA;

        leader.close();
        Poll.until("the follower leads", follower::isLeader);
        KUBE.client().certificates().v1().certificateSigningRequests().resource(KubeFixtures.bootstrapCsr("after", "worker-2")).create();

        CertificateSigningRequest signed = Poll.value("the CSR signed by the new leader", () -> Optional.ofNullable(
                KUBE.client().certificates().v1().certificateSigningRequests().withName("after").get())
                .filter(CsrConditions::hasCertificate));
        // The ledger records a certificate before it is written to status, so it tells who signed.
        X509Certificate leaf = Pem.certificate(KubeFixtures.decodedCertificate(signed));
        assertTrue(followerCa.ledger().bySerial(leaf.getSerialNumber().toString(16)).isPresent(), "signed by the new leader");
        leaf.verify(followerCa.cas().get(CaName.KUBERNETES_CA).certificate().getPublicKey());
        assertFalse(leader.isLeader());
    }
}
