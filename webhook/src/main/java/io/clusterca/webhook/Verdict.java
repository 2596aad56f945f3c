package io.clusterca.webhook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The policy's answer to one admission request. */
public sealed interface Verdict permits Verdict.Allowed, Verdict.Warned, Verdict.Denied {
    /** Kubernetes truncates beyond 4096 characters of warnings per request; stop well before. */
    int MAX_WARNINGS = 20;
    /** Keeps a denial of a pathological object readable; the count of the rest is still given. */
    int MAX_LISTED_IN_MESSAGE = 10;

    boolean allowed();

    /** Warnings for the AdmissionResponse, each shorter than 120 characters. */
    List<String> warnings();

    static Verdict allow() {
        return Allowed.INSTANCE;
    }

    /** Nothing to say: the request passes. */
    record Allowed() implements Verdict {
        private static final Allowed INSTANCE = new Allowed();

        @Override
        public boolean allowed() {
            return true;
        }

        @Override
        public List<String> warnings() {
            return List.of();
        }
    }

    /**
     * The request passes, but breaks the policy: the namespace is in {@code warn} mode, or an update keeps
     * violations the object already had (an update is only refused for what it adds).
     */
    record Warned(List<Violation> violations) implements Verdict {
        public Warned {
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("a warning needs at least one violation");
            }
        }

        @Override
        public boolean allowed() {
            return true;
        }

        @Override
        public List<String> warnings() {
            return warningsFor(violations);
        }

        public Set<Rule> rules() {
            return rulesOf(violations);
        }
    }

    /** The request is refused; {@link #message()} lists every violation found, {@link #rule()} names the first. */
    record Denied(List<Violation> violations) implements Verdict {
        public Denied {
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("a denial needs at least one violation");
            }
        }

        @Override
        public boolean allowed() {
            return false;
        }

        @Override
        public List<String> warnings() {
            return List.of();
        }

        /** The rule of the first violation (the label for a denial counter). */
        public Rule rule() {
            return violations.get(0).rule();
        }

        public Set<Rule> rules() {
            return rulesOf(violations);
        }

        /**
         * Every finding, then each distinct remedy once, e.g.
         * {@code spec.volumes[0].secret.secretName: "t" is a legacy ...; use a projected serviceAccountToken volume instead}.
         */
        public String message() {
            List<String> parts = new ArrayList<>();
            Set<String> remedies = new LinkedHashSet<>();
            List<Violation> listed = violations.subList(0, Math.min(violations.size(), MAX_LISTED_IN_MESSAGE));
            for (Violation v : listed) {
                parts.add(v.finding());
                v.remedy().ifPresent(remedies::add);
            }
            if (violations.size() > listed.size()) {
                parts.add("and " + (violations.size() - listed.size()) + " more violations");
            }
            parts.addAll(remedies);
            return String.join("; ", parts);
        }
    }

    private static List<String> warningsFor(List<Violation> violations) {
        if (violations.size() <= MAX_WARNINGS) {
            return violations.stream().map(Violation::warning).toList();
        }
        List<String> warnings = new ArrayList<>(MAX_WARNINGS);
        violations.subList(0, MAX_WARNINGS - 1).forEach(v -> warnings.add(v.warning()));
        warnings.add("and " + (violations.size() - MAX_WARNINGS + 1) + " more token-policy violations");
        return List.copyOf(warnings);
    }

    private static Set<Rule> rulesOf(List<Violation> violations) {
        Set<Rule> rules = new LinkedHashSet<>();
        violations.forEach(v -> rules.add(v.rule()));
        return Collections.unmodifiableSet(rules);
    }
}
