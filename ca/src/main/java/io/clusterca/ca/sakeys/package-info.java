/**
 * Service-account signing-key rotation: the keys kube-apiserver signs tokens with, the JWKS and
 * OIDC discovery documents relying parties verify them with, and {@code sa.key}/{@code sa.pub}.
 *
 * <h2>Life of a key</h2>
 * {@code pending} (published, not signing) → {@code active} (the one key in {@code sa.key}) →
 * {@code verifying} (published until its tokens expire) → {@code retired} (unpublished, private key
 * deleted). With the default {@link io.clusterca.ca.sakeys.RotationPolicy}: a successor is published
 * 1 h before the active key is 45 days old, signs from day 45, and the old key is retired 25 h later
 * (max token expiration 24 h + 1 h margin).
 *
 * <h2>Invariants</h2>
 * <ol>
 *   <li>A non-empty ring has exactly one active key; at most one key is pending.</li>
 *   <li>A key is published from its creation until its retirement, and signs only while active.</li>
 *   <li>A key is published for at least the publish lead before it signs, so no relying party holding
 *       a cached JWKS (max-age ≤ lead) meets an unknown {@code kid}. Exceptions: the first key (nobody
 *       has cached anything), {@code rotate-sa --now} (the operator's explicit choice) and an active key
 *       that reached its {@code notAfter} because the scheduler did not run.</li>
 *   <li>A verifying key is retired no earlier than max token expiration + margin after it stopped
 *       signing. The only exception is {@code rotate-sa --now} with
 *       {@link io.clusterca.ca.sakeys.KeyRing.PreviousKey#RETIRE} (confirmed compromise).</li>
 *   <li>A key never signs after its {@code notAfter} (creation + 90 days). The policy requires the
 *       whole scheduled life (lead + rotation period + max token expiration + margin) to fit in that
 *       validity, so on schedule a key is retired long before it; {@code notAfter} only bites when the
 *       scheduler was down for weeks. Tokens signed before {@code notAfter} stay verifiable until they
 *       expire: validity bounds signing, not verification.</li>
 *   <li>A private key is in the vault before the ring names it and leaves the vault only after the ring
 *       stops publishing it.</li>
 * </ol>
 *
 * <h2>Operational notes</h2>
 * kube-apiserver reads {@code sa.key} and {@code sa.pub} only at start-up: it must be restarted after a
 * key activates (and on every control-plane node, which must all share the same files). The retirement
 * margin covers that restart delay; tokens extended by {@code --service-account-extend-token-expiration}
 * (valid a year) stop verifying when their key retires.
 */
package io.clusterca.ca.sakeys;
