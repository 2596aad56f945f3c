package io.clusterca.webhook;

import java.util.Locale;
import java.util.Optional;

/** How strictly the token policy applies in a namespace. */
public enum Mode {
    /** Violations are refused (the default). */
    ENFORCE,
    /** Violations are admitted with warnings, to find what would break before enforcing. */
    WARN,
    /** Nothing is checked. */
    OFF;

    /** The namespace label that chooses the mode: {@code clusterca.io/token-policy: enforce|warn|off}. */
    public static final String NAMESPACE_LABEL = "clusterca.io/token-policy";

    /** The label value, e.g. {@code warn}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a label or flag value ({@code enforce}, {@code warn}, {@code off}); anything else is empty. */
    public static Optional<Mode> fromLabel(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Mode mode : values()) {
            if (mode.label().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
