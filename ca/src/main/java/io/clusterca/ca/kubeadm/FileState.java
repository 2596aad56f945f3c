package io.clusterca.ca.kubeadm;

import java.util.Optional;

/** What reading one file of the pki directory found. */
sealed interface FileState<T> {
    record Absent<T>() implements FileState<T> {}

    record Unreadable<T>(String reason) implements FileState<T> {}

    record Loaded<T>(T value) implements FileState<T> {
        @Override
        public String toString() {
            // Values may be private keys: never let a record's default toString print one.
            return "Loaded[" + value.getClass().getSimpleName() + "]";
        }
    }

    default Optional<T> loaded() {
        return this instanceof Loaded<T> loaded ? Optional.of(loaded.value()) : Optional.empty();
    }

    default boolean isAbsent() {
        return this instanceof Absent<T>;
    }
}
