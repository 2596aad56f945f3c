package io.clusterca.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LeaderElectionTest {
    static final LeaseTimings FAST = new LeaseTimings(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMillis(100));
    @RegisterExtension
    static final MockKubernetes KUBE = new MockKubernetes();
    private final List<LeaderElection> elections = new ArrayList<>();

    /** Leader-only work that counts its starts and stops. */
    static final class CountingWork implements Controller {
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger stops = new AtomicInteger();
        volatile boolean running;

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public void start() {
            starts.incrementAndGet();
            running = true;
        }

        @Override
        public void stop() {
            stops.incrementAndGet();
            running = false;
        }

        @Override
        public boolean synced() {
            return running;
        }
    }

    @AfterEach
    void tearDown() {
        elections.forEach(LeaderElection::close);
    }

    private LeaderElection elect(String identity, Controller work) {
        LeaderElection election = new LeaderElection(KUBE.newClient(), "clusterca", "clusterca-leader", identity, FAST,
                List.of(work));
        elections.add(election);
        election.start();
        return election;
    }

    private Optional<Lease> lease() {
        return Optional.ofNullable(KUBE.client().leases().inNamespace("clusterca").withName("clusterca-leader").get());
    }

    private ZonedDateTime renewTime() {
        return lease().map(l -> l.getSpec().getRenewTime()).orElse(null);
    }

    /** Another holder takes the lease, retrying when its write loses to the leader's renewal (409). */
    private void stealLease(String holder) {
        Poll.until("the lease taken by " + holder, () -> {
            try {
                KUBE.client().leases().inNamespace("clusterca").withName("clusterca-leader").edit(l -> new LeaseBuilder(l)
                        .editSpec().withHolderIdentity(holder).withRenewTime(ZonedDateTime.now(ZoneOffset.UTC))
                        .withLeaseDurationSeconds(1).endSpec().build());
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                return false;
            }
        });
    }

    @Test
    void exactlyOneOfTwoReplicasRunsTheLeaderOnlyWork() {
        CountingWork workA = new CountingWork();
        CountingWork workB = new CountingWork();
        LeaderElection a = elect("replica-a", workA);
        LeaderElection b = elect("replica-b", workB);

        Poll.until("a leader", () -> a.isLeader() || b.isLeader());
        LeaderElection leader = a.isLeader() ? a : b;
        // Several renewals: the follower has tried, and failed, to take the lease many times meanwhile.
        for (int i = 0; i < 3; i++) {
            ZonedDateTime renewed = renewTime();
            Poll.until("a renewal of the lease", () -> !renewed.equals(renewTime()));
        }

        assertTrue(a.isLeader() ^ b.isLeader());
        assertTrue(workA.running ^ workB.running);
        assertEquals(1, workA.starts.get() + workB.starts.get());
        assertEquals(leader.identity(), lease().orElseThrow().getSpec().getHolderIdentity());
        assertEquals(Optional.of(leader.identity()), (leader == a ? b : a).leader());
    }

    @Test
    void theOtherReplicaTakesOverWhenTheLeaderCloses() {
        CountingWork workA = new CountingWork();
        LeaderElection a = elect("replica-a", workA);
        Poll.until("replica-a leads", a::isLeader);
        CountingWork workB = new CountingWork();
        LeaderElection b = elect("replica-b", workB);

        a.close();

        assertFalse(workA.running, "the closing leader's work stops before the lease is released");
        Poll.until("replica-b leads", b::isLeader);
        assertTrue(workB.running);
        assertEquals("replica-b", lease().orElseThrow().getSpec().getHolderIdentity());
    }

    @Test
    void losingTheLeaseStopsTheLeaderOnlyWorkAndTheReplicaStandsAgain() {
        CountingWork work = new CountingWork();
        LeaderElection a = elect("replica-a", work);
        Poll.until("replica-a leads", a::isLeader);

        stealLease("intruder");

        Poll.until("the work stopped", () -> !work.running && !a.isLeader());
        assertEquals(1, work.stops.get());
        // The intruder never renews: once its lease expires, replica-a wins it back and starts the work again.
        Poll.until("the work started again", () -> work.starts.get() == 2 && a.isLeader());
        assertTrue(work.running);
    }
}
