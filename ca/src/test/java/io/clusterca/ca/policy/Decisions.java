package io.clusterca.ca.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.clusterca.ca.authority.LeafSpec;

/** Assertions on policy decisions that print the refusal reason when an approval was expected. */
final class Decisions {
    private Decisions() {}

    static LeafSpec approved(PolicyDecision decision) {
        if (decision instanceof PolicyDecision.Refused refused) {
            throw new AssertionError("expected approval, refused: " + refused.reason());
        }
        return assertInstanceOf(PolicyDecision.Approved.class, decision).spec();
    }

    static void refused(String reason, PolicyDecision decision) {
        assertEquals(new PolicyDecision.Refused(reason), decision);
    }
}
