package io.clusterca.webhook;

import java.util.Objects;
import java.util.Optional;

/**
 * One breach of the policy, located precisely enough that the user knows what to change.
 *
 * @param rule    which rule was broken
 * @param path    the field, in the API server's notation, e.g. {@code spec.volumes[0].secret.secretName}
 * @param problem what is wrong with the value found there, e.g. {@code 172800 exceeds the maximum of 86400 seconds}
 * @param remedy  what to do instead, if there is a better way to say it than "don't"
 */
public record Violation(Rule rule, String path, String problem, Optional<String> remedy) {
    /** Kubernetes asks webhooks to keep each warning under 120 characters. */
    static final int MAX_WARNING_LENGTH = 119;
    private static final String ELLIPSIS = "...";
    /** Shorter than this, a path tail no longer names a field usefully; cut the problem instead. */
    private static final int MIN_PATH_TAIL = 24;

    public Violation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(remedy, "remedy");
    }

    public static Violation of(Rule rule, String path, String problem, String remedy) {
        return new Violation(rule, path, problem, Optional.of(remedy));
    }

    public static Violation of(Rule rule, String path, String problem) {
        return new Violation(rule, path, problem, Optional.empty());
    }

    /** Where and what, without the advice: {@code path: problem}. */
    public String finding() {
        return path.isEmpty() ? problem : path + ": " + problem;
    }

    /** The full sentence for a denial: {@code path: problem; remedy}. */
    public String message() {
        return remedy.map(r -> finding() + "; " + r).orElse(finding());
    }

    /**
     * The finding shortened to fit one admission warning: the path loses its leading segments first
     * (the tail names the field), then the problem is cut.
     */
    public String warning() {
        String full = finding();
        if (full.length() <= MAX_WARNING_LENGTH) {
            return full;
        }
        String separator = ": ";
        int roomForPath = MAX_WARNING_LENGTH - problem.length() - separator.length() - ELLIPSIS.length();
        if (roomForPath >= MIN_PATH_TAIL) {
            String tail = path.substring(path.length() - roomForPath);
            int segmentStart = tail.indexOf('.');
            return ELLIPSIS + (segmentStart < 0 ? tail : tail.substring(segmentStart + 1)) + separator + problem;
        }
        return full.substring(0, MAX_WARNING_LENGTH - ELLIPSIS.length()) + ELLIPSIS;
    }

    /** Identity of a finding regardless of advice: used to tell a new violation from one an update merely keeps. */
    boolean sameFindingAs(Violation other) {
        return rule == other.rule && path.equals(other.path) && problem.equals(other.problem);
    }
}
