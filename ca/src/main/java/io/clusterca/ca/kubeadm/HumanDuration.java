package io.clusterca.ca.kubeadm;

import java.time.Duration;

/**
 * apimachinery's duration.ShortHumanDuration (staging/src/k8s.io/apimachinery/pkg/util/duration/duration.go),
 * which kubeadm's RESIDUAL TIME column prints: one unit, truncated ({@code 59m}, {@code 23h},
 * {@code 364d}, {@code 9y}); {@code <invalid>} once more than a second in the past.
 */
final class HumanDuration {
    private HumanDuration() {}

    static String shortHuman(Duration d) {
        // Go's int(d.Seconds()) truncates toward zero; Duration.toMillis() / 1000 does the same.
        long seconds = d.toMillis() / 1000;
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + "m";
        }
        long hours = seconds / 3600;
        if (hours < 24) {
            return hours + "h";
        } else if (hours < 24 * 365) {
            return hours / 24 + "d";
        }
        return hours / 24 / 365 + "y";
    }
}
