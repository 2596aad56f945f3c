package io.clusterca.ca.revocation;

import java.util.List;

/**
 * What {@link RevocationSpecParser} made of a spec: the valid rules and one message per problem.
 * {@code rules} holds the valid entries even when {@code errors} is not empty, so a caller can choose:
 * the data-directory loader applies a file only when it is entirely valid, while a Kubernetes object that
 * slipped past the webhook still revokes what it validly can (failing towards revocation).
 */
public record ParsedSpec(List<RevocationRule> rules, List<String> errors) {
    public ParsedSpec {
        rules = List.copyOf(rules);
        errors = List.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
