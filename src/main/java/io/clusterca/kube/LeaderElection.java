package io.clusterca.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the leader-only controllers on the one replica that holds the coordination.k8s.io Lease. Built on
 * fabric8's {@link LeaderElector} with a {@link LeaseLock}: winning the lease starts the controllers, losing it
 * (another holder, or no renewal within the renew deadline) stops them at once. A fabric8 elector ends after
 * losing the lease, so a new one is started to stand again as a candidate until {@link #close()}, which stops
 * the controllers and releases the lease so another replica takes over without waiting for it to expire.
 */
public final class LeaderElection implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LeaderElection.class.getName());

    private final KubernetesClient client;
    private final String namespace;
    private final String leaseName;
    private final String identity;
    private final LeaseTimings timings;
    private final List<Controller> leaderWork;
    private final ExecutorService executor;
    private final Object transitions = new Object();
    private final AtomicBoolean leading = new AtomicBoolean();
    private final AtomicReference<String> leader = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<?>> election = new AtomicReference<>();
    private volatile boolean closed;

    public LeaderElection(KubernetesClient client, String namespace, String leaseName, String identity,
                          LeaseTimings timings, List<Controller> leaderWork) {
        this.client = client;
        this.namespace = namespace;
        this.leaseName = leaseName;
        this.identity = identity;
        this.timings = timings;
        this.leaderWork = List.copyOf(leaderWork);
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "clusterca-leader-election");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        stand();
    }

    private void stand() {
        if (closed) {
            return;
        }
        LeaderElectionConfig config = new LeaderElectionConfig(new LeaseLock(namespace, leaseName, identity),
                timings.leaseDuration(), timings.renewDeadline(), timings.retryPeriod(),
                new LeaderCallbacks(this::startLeading, this::stopLeading, this::newLeader), true, leaseName);
        CompletableFuture<?> run = new LeaderElector(client, config, executor).start();
        election.set(run);
        if (closed) {
            run.cancel(true); // close() ran meanwhile and cancelled the previous run, not this one
            return;
        }
        run.whenComplete((ok, error) -> {
            stopLeading();
            if (closed) {
                return;
            }
            if (error != null) {
                LOG.log(Level.WARNING, "leader election for lease " + namespace + "/" + leaseName + " ended: "
                        + error.getMessage(), error);
            }
            CompletableFuture.delayedExecutor(timings.retryPeriod().toMillis(), TimeUnit.MILLISECONDS).execute(this::stand);
        });
    }

    public boolean isLeader() {
        return leading.get();
    }

    /** The holder last observed, ourselves included. */
    public Optional<String> leader() {
        return Optional.ofNullable(leader.get());
    }

    public String identity() {
        return identity;
    }

    /** Runs on the election thread; serialized with {@link #stopLeading()} so a close never leaves work running. */
    private void startLeading() {
        synchronized (transitions) {
            if (closed || leading.get()) {
                return;
            }
            leading.set(true);
            LOG.info(() -> identity + " leads (lease " + namespace + "/" + leaseName + "): starting "
                    + leaderWork.stream().map(Controller::name).toList());
            for (Controller c : leaderWork) {
                try {
                    c.start();
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "cannot start " + c.name() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Called by fabric8 on losing the lease (possibly twice), by our own completion handler, and by close(). */
    private void stopLeading() {
        synchronized (transitions) {
            if (!leading.get()) {
                return;
            }
            leading.set(false);
            LOG.info(() -> identity + " no longer leads: stopping " + leaderWork.stream().map(Controller::name).toList());
            for (Controller c : leaderWork) {
                try {
                    c.stop();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "cannot stop " + c.name() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private void newLeader(String holder) {
        leader.set(holder);
        LOG.fine(() -> "lease " + namespace + "/" + leaseName + " held by " + holder);
    }

    /** Stops the leader-only work first, then ends the election, releasing the lease if we hold it. */
    @Override
    public void close() {
        closed = true;
        stopLeading();
        CompletableFuture<?> run = election.get();
        if (run != null) {
            run.cancel(true);
        }
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
