package io.clusterca.kube;

/** What the approver does with a CSR: approve or deny it through {@code /approval}, or leave it alone. */
public sealed interface CsrDecision {
    /** @param message the condition's message */
    record Approve(String message) implements CsrDecision {}

    /** @param message the rule that refused it, as the condition's message */
    record Deny(String message) implements CsrDecision {}

    /** @param why for logs: not our signer, or already approved or denied */
    record Ignore(String why) implements CsrDecision {}
}
