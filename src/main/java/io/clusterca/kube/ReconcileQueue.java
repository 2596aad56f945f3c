package io.clusterca.kube;

import io.clusterca.server.Metrics;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The work queue of one controller, as client-go's workqueue: informer callbacks only enqueue keys (they
 * never block the informer's thread), one worker thread reconciles them, a key waiting in the queue is
 * queued once however many events name it, and a failed reconcile is retried with exponential backoff a
 * bounded number of times (the informer's periodic resync brings the key back afterwards). With one worker
 * the same key is never reconciled concurrently.
 */
final class ReconcileQueue implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ReconcileQueue.class.getName());

    private final String name;
    private final Consumer<String> reconcile;
    private final Metrics metrics;
    private final Duration firstBackoff;
    private final int maxRetries;
    private final ScheduledExecutorService worker;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    ReconcileQueue(String name, Consumer<String> reconcile, Metrics metrics, Duration firstBackoff, int maxRetries) {
        this.name = name;
        this.reconcile = reconcile;
        this.metrics = metrics;
        this.firstBackoff = firstBackoff;
        this.maxRetries = maxRetries;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "clusterca-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    ReconcileQueue(String name, Consumer<String> reconcile, Metrics metrics) {
        this(name, reconcile, metrics, Duration.ofMillis(200), 6);
    }

    void enqueue(String key) {
        if (queued.add(key)) {
            submit(key, 0);
        }
    }

    private void submit(String key, long delayMillis) {
        try {
            worker.schedule(() -> process(key), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            queued.remove(key);
        }
    }

    private void process(String key) {
        // Removed before reconciling: an event arriving meanwhile queues the key again, so no change is lost.
        queued.remove(key);
        try {
            reconcile.accept(key);
            failures.remove(key);
            counted("ok");
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted() || worker.isShutdown()) {
                return;
            }
            counted("error");
            int attempt = failures.merge(key, 1, Integer::sum);
            if (attempt > maxRetries) {
                failures.remove(key);
                LOG.log(Level.WARNING, name + ": giving up on " + key + " after " + maxRetries
                        + " retries until the next resync: " + e.getMessage(), e);
                return;
            }
            long delay = firstBackoff.toMillis() << Math.min(attempt - 1, 10);
            LOG.log(Level.INFO, name + ": reconciling " + key + " failed (attempt " + attempt + "), retrying in "
                    + delay + " ms: " + e.getMessage());
            if (queued.add(key)) {
                submit(key, delay);
            }
        }
    }

    /** Counted when a reconcile has finished, so a count that moved means its effects are visible. */
    private void counted(String result) {
        metrics.inc("clusterca_kube_reconciles_total", "Reconciles finished by the Kubernetes controllers",
                "controller", name, "result", result);
    }

    /** Stops at once: queued keys are dropped and a running reconcile is interrupted. */
    @Override
    public void close() {
        worker.shutdownNow();
        queued.clear();
    }
}
