package io.clusterca.ca.policy;

import static io.clusterca.ca.policy.Csrs.csr;
import static io.clusterca.ca.policy.Decisions.approved;
import static io.clusterca.ca.policy.Decisions.refused;
import static io.clusterca.ca.policy.Requests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** spec.expirationSeconds: at least 600 as the API server demands; anything longer passes to the CA. */
class ExpirationRulesTest {
    private final SignerProfile profile = StandardProfiles.kubeletClient();

    private Requests nodeRequest() {
        return request(SignerNames.KUBELET_CLIENT, csr().node("node-1").build()).by(Requests.node("node-1"));
    }

    @Test
    void refuses599Seconds() {
        refused("expirationSeconds must be at least 600", profile.evaluate(nodeRequest().expirationSeconds(599).build()));
    }

    @Test
    void accepts600SecondsAsTheValidity() {
        assertEquals(Optional.of(Duration.ofSeconds(600)),
                approved(profile.evaluate(nodeRequest().expirationSeconds(600).build())).validity());
    }

    @Test
    void passesLongLifetimesToTheCaUncapped() {
        assertEquals(Optional.of(Duration.ofDays(3650)),
                approved(profile.evaluate(nodeRequest().expirationSeconds(Duration.ofDays(3650).toSeconds()).build())).validity());
    }

    @Test
    void leavesTheValidityToTheCaWhenNoneIsAsked() {
        assertEquals(Optional.empty(), approved(profile.evaluate(nodeRequest().build())).validity());
    }
}
