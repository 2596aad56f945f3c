package io.clusterca.webhook;

import java.util.Objects;

/** Every namespace in the default mode except the exempt ones, which are {@code off}: the mode without Kubernetes. */
public final class StaticNamespaceModes implements NamespaceModes {
    private final WebhookSettings settings;

    public StaticNamespaceModes(WebhookSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public Mode modeOf(String namespace) {
        return settings.exemptNamespaces().contains(namespace) ? Mode.OFF : settings.defaultMode();
    }
}
