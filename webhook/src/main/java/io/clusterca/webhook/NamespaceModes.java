package io.clusterca.webhook;

/** Which {@link Mode} applies to a namespace. Implementations must be thread-safe and answer from memory. */
@FunctionalInterface
public interface NamespaceModes {
    Mode modeOf(String namespace);
}
