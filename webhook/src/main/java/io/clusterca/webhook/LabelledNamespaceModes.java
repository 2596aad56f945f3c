package io.clusterca.webhook;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The mode chosen by each namespace's {@value Mode#NAMESPACE_LABEL} label, read through a lookup the caller
 * keeps current (in Kubernetes mode, a Namespace informer's cache). Exempt namespaces stay {@code off} whatever
 * their label says; a missing or unrecognised label means the default mode, so a typo cannot switch checking off.
 */
public final class LabelledNamespaceModes implements NamespaceModes {
    private final WebhookSettings settings;
    private final Function<String, Optional<String>> labelOf;

    /** @param labelOf namespace name to the value of its {@value Mode#NAMESPACE_LABEL} label, if any; must not block */
    public LabelledNamespaceModes(WebhookSettings settings, Function<String, Optional<String>> labelOf) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.labelOf = Objects.requireNonNull(labelOf, "labelOf");
    }

    @Override
    public Mode modeOf(String namespace) {
        if (settings.exemptNamespaces().contains(namespace)) {
            return Mode.OFF;
        }
        return labelOf.apply(namespace).flatMap(Mode::fromLabel).orElse(settings.defaultMode());
    }
}
