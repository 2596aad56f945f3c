package io.clusterca.bench;

import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time per thread group (thread name without its number) between two snapshots: where a load
 * run's cores went — event loops (TLS, HTTP, JSON, the load generator too), workers (issuance), the
 * ledger's syncs — which a sampling profiler, biased towards runnable threads, does not tell.
 */
final class ThreadCpu {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> start = new TreeMap<>();
    private final long startNanos = System.nanoTime();
    private final long startProcessNanos = processCpuNanos();

    ThreadCpu() {
        for (long id : threads.getAllThreadIds()) {
            start.put(id, Math.max(0, threads.getThreadCpuTime(id)));
        }
    }

    /** Cores used per group since this snapshot, e.g. {@code {"vert.x-eventloop-thread-": 0.61}}. */
    JsonObject coresByGroup() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Long> byGroup = new TreeMap<>();
        for (long id : threads.getAllThreadIds()) {
            ThreadInfo info = threads.getThreadInfo(id);
            long cpu = threads.getThreadCpuTime(id);
            if (info == null || cpu < 0) {
                continue;
            }
            String group = info.getThreadName().replaceAll("\\d+", "");
            byGroup.merge(group, cpu - start.getOrDefault(id, 0L), Long::sum);
        }
        JsonObject cores = new JsonObject();
        byGroup.entrySet().stream().filter(e -> e.getValue() > seconds * 1e9 * 0.005)
                .forEach(e -> cores.put(e.getKey(), Math.round(e.getValue() / seconds / 1e7) / 100.0));
        cores.put("process", Math.round((processCpuNanos() - startProcessNanos) / seconds / 1e7) / 100.0);
        return cores;
    }

    /** The whole JVM: its threads plus the GC's and the JIT compiler's. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
