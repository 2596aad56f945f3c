package io.clusterca.server;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Named readiness checks rendered like kube-apiserver's {@code /readyz?verbose}:
 * {@code [+]keystore ok}, {@code [-]ledger failed: reason}. A check may also carry an
 * informational detail (e.g. the outbox backlog) printed after {@code ok}.
 */
public final class HealthChecks {
    /** The outcome of one check: healthy with an optional detail, or failed with a reason. */
    public record Status(boolean ok, Optional<String> detail) {
        public static Status healthy() {
            return new Status(true, Optional.empty());
        }

        public static Status healthy(String detail) {
            return new Status(true, Optional.of(detail));
        }

        public static Status failed(String reason) {
            return new Status(false, Optional.of(reason));
        }
    }

    private record Check(String name, Supplier<Status> status) {}

    private final List<Check> checks = new CopyOnWriteArrayList<>();

    public void add(String name, Supplier<Status> status) {
        checks.add(new Check(name, status));
    }

    private static String line(String name, Status s) {
        String detail = s.detail().map(d -> s.ok() ? " (" + d + ")" : ": " + d).orElse("");
        return (s.ok() ? "[+]" : "[-]") + name + (s.ok() ? " ok" : " failed") + detail;
    }

    public record Report(boolean ok, String text) {}

    /** Runs every check; a check that throws counts as failed with the exception's message. */
    public Report run(boolean verbose) {
        StringBuilder sb = new StringBuilder();
        boolean allOk = true;
        for (Check c : checks) {
            Status s;
            try {
                s = c.status().get();
            } catch (RuntimeException e) {
                s = Status.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            allOk &= s.ok();
            if (verbose || !s.ok()) {
                sb.append(line(c.name(), s)).append('\n');
            }
        }
        sb.append(allOk ? "readyz check passed\n" : "readyz check failed\n");
        return new Report(allOk, sb.toString());
    }
}
