package io.clusterca.ca.sakeys;

import io.clusterca.ca.sakeys.Transition.Reason;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The rotation rules as pure functions of (ring, policy, now): what is due next and when. No key
 * generation, no I/O — {@link KeyRing} carries the decisions out.
 */
public final class RotationSchedule {
    private RotationSchedule() {}

    /** One thing that is due. */
    public sealed interface Due permits CreateKey, Activate, Retire {
        Reason reason();
    }

    /** Generate a key; {@code activateAtOnce} skips the publish lead (bootstrap, validity ended). */
    public record CreateKey(boolean activateAtOnce, Reason reason) implements Due {}

    public record Activate(String kid, Reason reason) implements Due {}

    public record Retire(String kid, Reason reason) implements Due {}

    /**
     * The first due step, in priority order: a ring without an active key gets one; an active key
     * past its {@code notAfter} is replaced at once; a pending key whose publish lead has elapsed
     * activates; a successor is published one lead before the active key's rotation is due; a
     * verifying key is retired once every token it signed has expired. Apply it and ask again.
     */
    public static Optional<Due> next(KeyRingState ring, RotationPolicy policy, Instant now) {
        Optional<SaKey> active = ring.active();
        Optional<SaKey> pending = ring.pending();
        if (active.isEmpty()) {
            return Optional.of(new CreateKey(true, Reason.BOOTSTRAP));
        }
        if (!now.isBefore(active.get().notAfter())) {
            return Optional.of(pending.<Due>map(p -> new Activate(p.kid(), Reason.VALIDITY_ENDED))
                    .orElse(new CreateKey(true, Reason.VALIDITY_ENDED)));
        }
        if (pending.isPresent() && !now.isBefore(activationDue(pending.get(), policy))) {
            return Optional.of(new Activate(pending.get().kid(), Reason.PUBLISH_LEAD_ELAPSED));
        }
        if (pending.isEmpty() && !now.isBefore(successorDue(active.get(), policy))) {
            return Optional.of(new CreateKey(false, Reason.ROTATION_SCHEDULED));
        }
        return ring.verifying().stream()
                .filter(v -> !now.isBefore(retirementDue(v, policy)))
                .min(Comparator.comparing(v -> retirementDue(v, policy)))
                .map(v -> new Retire(v.kid(), Reason.TOKENS_EXPIRED));
    }

    /**
     * When {@link #next} will next have something to do: {@code now} if something is due already.
     * A scheduler may sleep until then instead of polling (a clock jump is harmless: tick is idempotent).
     */
    public static Instant nextDue(KeyRingState ring, RotationPolicy policy, Instant now) {
        Optional<SaKey> active = ring.active();
        if (active.isEmpty()) {
            return now;
        }
        Instant activeEvent = ring.pending()
                .map(p -> activationDue(p, policy))
                .orElse(successorDue(active.get(), policy));
        Instant earliest = Stream.concat(
                        Stream.of(active.get().notAfter(), activeEvent),
                        ring.verifying().stream().map(v -> retirementDue(v, policy)))
                .min(Comparator.naturalOrder())
                .orElseThrow();
        return earliest.isAfter(now) ? earliest : now;
    }

    /**
     * When the next key will start signing: the pending key's activation, or the active key's
     * scheduled rotation. Empty for an empty ring.
     */
    public static Optional<Instant> nextActivation(KeyRingState ring, RotationPolicy policy) {
        return ring.pending().map(p -> activationDue(p, policy))
                .or(() -> ring.active().map(a -> rotationDue(a, policy)));
    }

    /** When the active key should stop signing: one rotation period after it started, and never after its notAfter. */
    public static Instant rotationDue(SaKey active, RotationPolicy policy) {
        Instant scheduled = active.activatedAt().orElse(active.createdAt()).plus(policy.rotationPeriod());
        return scheduled.isBefore(active.notAfter()) ? scheduled : active.notAfter();
    }

    /** When the successor of the active key is published, so that it can sign on schedule. */
    public static Instant successorDue(SaKey active, RotationPolicy policy) {
        return rotationDue(active, policy).minus(policy.publishLead());
    }

    /** A pending key signs once it has been published for the whole publish lead. */
    public static Instant activationDue(SaKey pending, RotationPolicy policy) {
        return pending.createdAt().plus(policy.publishLead());
    }

    /** A verifying key is retired once every token it signed has expired (plus the margin). */
    public static Instant retirementDue(SaKey verifying, RotationPolicy policy) {
        Instant stopped = verifying.deactivatedAt()
                .orElseThrow(() -> new IllegalArgumentException("key " + verifying.kid() + " never stopped signing"));
        return stopped.plus(policy.verificationPeriod());
    }
}
