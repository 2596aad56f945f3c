package io.clusterca.ca.sakeys;

import io.clusterca.ca.crypto.KeyAlgorithm;
import java.time.Duration;
import java.util.Objects;

/**
 * When service-account signing keys are created, activated and retired.
 *
 * <p>Timeline of one key on schedule: created {@code pending} at T; {@code active} at
 * T + {@link #publishLead}; {@code verifying} at T + publishLead + {@link #rotationPeriod} (its
 * successor activates); {@code retired} once {@link #maxTokenExpiration} + {@link #retirementMargin}
 * have passed after that, i.e. when every token it signed has expired.
 *
 * <p>Invariant checked here: that whole life fits inside {@link #keyValidity}, so on schedule a key
 * never signs after its {@code notAfter} and is retired before it. {@code notAfter} is a backstop for
 * a scheduler that did not run (service down for weeks): an active key that reaches it is replaced at
 * once, even without the publish lead.
 *
 * @param rotationPeriod     how long a key signs before its successor takes over (default 45 days)
 * @param keyValidity        the latest a key may sign, counted from its creation (default 90 days)
 * @param publishLead        how long a new key is published before it signs (default 1 h: kube-apiserver
 *                           and ClusterCA serve the JWKS with {@code Cache-Control: public, max-age=3600},
 *                           so a relying party may hold a JWKS without the new key for that long)
 * @param maxTokenExpiration the longest lifetime of a token kube-apiserver signs
 *                           ({@code --service-account-max-token-expiration}, default 86400 s)
 * @param retirementMargin   extra time a verifying key stays published (default 1 h). Covers clock skew
 *                           between kube-apiserver and ClusterCA, the one-minute leeway go-jose allows on
 *                           {@code exp}, and the time kube-apiserver takes to start signing with a new
 *                           {@code sa.key} after it is written (it reads the file when it starts)
 * @param algorithm          algorithm of new keys (default RSA 2048, what {@code openssl genrsa 2048} and
 *                           kubeadm produce; RSA 3072/4096 and ECDSA P-256/P-384 are accepted by
 *                           kube-apiserver too)
 */
public record RotationPolicy(Duration rotationPeriod, Duration keyValidity, Duration publishLead,
                             Duration maxTokenExpiration, Duration retirementMargin, KeyAlgorithm algorithm) {
    public static final Duration DEFAULT_ROTATION_PERIOD = Duration.ofDays(45);
    public static final Duration DEFAULT_KEY_VALIDITY = Duration.ofDays(90);
    public static final Duration DEFAULT_PUBLISH_LEAD = Duration.ofHours(1);
    public static final Duration DEFAULT_MAX_TOKEN_EXPIRATION = Duration.ofSeconds(86_400);
    public static final Duration DEFAULT_RETIREMENT_MARGIN = Duration.ofHours(1);
    public static final KeyAlgorithm DEFAULT_ALGORITHM = KeyAlgorithm.RSA_2048;

    public RotationPolicy {
        Objects.requireNonNull(algorithm, "algorithm");
        requirePositive("rotation period", rotationPeriod);
        requirePositive("key validity", keyValidity);
        requirePositive("max token expiration", maxTokenExpiration);
        requireNotNegative("publish lead", publishLead);
        requireNotNegative("retirement margin", retirementMargin);
        if (publishLead.compareTo(rotationPeriod) >= 0) {
            throw new IllegalArgumentException("publish lead (" + publishLead + ") must be shorter than the rotation period ("
                    + rotationPeriod + ")");
        }
        Duration life = publishLead.plus(rotationPeriod).plus(maxTokenExpiration).plus(retirementMargin);
        if (life.compareTo(keyValidity) > 0) {
            throw new IllegalArgumentException("key validity (" + keyValidity + ") is shorter than a key's scheduled life: publish lead "
                    + publishLead + " + rotation period " + rotationPeriod + " + max token expiration " + maxTokenExpiration
                    + " + retirement margin " + retirementMargin + " = " + life);
        }
    }

    public static RotationPolicy defaults() {
        return new RotationPolicy(DEFAULT_ROTATION_PERIOD, DEFAULT_KEY_VALIDITY, DEFAULT_PUBLISH_LEAD,
                DEFAULT_MAX_TOKEN_EXPIRATION, DEFAULT_RETIREMENT_MARGIN, DEFAULT_ALGORITHM);
    }

    public RotationPolicy withAlgorithm(KeyAlgorithm newAlgorithm) {
        return new RotationPolicy(rotationPeriod, keyValidity, publishLead, maxTokenExpiration, retirementMargin, newAlgorithm);
    }

    /** From {@code serve --max-token-expiration N} (seconds). */
    public RotationPolicy withMaxTokenExpiration(Duration newMax) {
        return new RotationPolicy(rotationPeriod, keyValidity, publishLead, newMax, retirementMargin, algorithm);
    }

    public RotationPolicy withPublishLead(Duration newLead) {
        return new RotationPolicy(rotationPeriod, keyValidity, newLead, maxTokenExpiration, retirementMargin, algorithm);
    }

    /** How long a key stays published after it stopped signing: every token it signed has expired by then. */
    public Duration verificationPeriod() {
        return maxTokenExpiration.plus(retirementMargin);
    }

    private static void requirePositive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }

    private static void requireNotNegative(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got " + d);
        }
    }
}
