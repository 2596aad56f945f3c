package io.clusterca.webhook.rules;

import java.util.Optional;

/**
 * A service-account JWT without {@code exp} found in some value: the kind the token controller minted into
 * Secrets before bound tokens, valid until its signing key is retired.
 *
 * @param subject its {@code sub}, e.g. {@code system:serviceaccount:ci:build-robot}, when it has one
 */
public record LegacyToken(Optional<String> subject) {
    /** For messages: {@code for system:serviceaccount:ci:build-robot}, or nothing. */
    String forWhom() {
        return subject.map(s -> " for " + s).orElse("");
    }
}
