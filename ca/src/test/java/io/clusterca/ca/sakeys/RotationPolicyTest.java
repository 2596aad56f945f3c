package io.clusterca.ca.sakeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.crypto.KeyAlgorithm;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RotationPolicyTest {
    @Test
    void defaultsRotateEvery45DaysWithKeysValid90DaysAndAOneHourLead() {
        RotationPolicy p = RotationPolicy.defaults();

        assertEquals(Duration.ofDays(45), p.rotationPeriod());
        assertEquals(Duration.ofDays(90), p.keyValidity());
        assertEquals(Duration.ofHours(1), p.publishLead());
        assertEquals(Duration.ofSeconds(86_400), p.maxTokenExpiration());
        assertEquals(Duration.ofHours(1), p.retirementMargin());
        assertEquals(KeyAlgorithm.RSA_2048, p.algorithm());
        assertEquals(Duration.ofHours(25), p.verificationPeriod());
    }

    @Test
    void refusesAPublishLeadAsLongAsTheRotationPeriod() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RotationPolicy.defaults().withPublishLead(Duration.ofDays(45)));
        assertTrue(e.getMessage().contains("publish lead"), e.getMessage());
    }

    @Test
    void refusesAValidityShorterThanAKeysScheduledLife() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RotationPolicy(Duration.ofDays(45), Duration.ofDays(46), Duration.ofHours(1),
                        Duration.ofDays(1), Duration.ofHours(1), KeyAlgorithm.RSA_2048));
        assertTrue(e.getMessage().startsWith("key validity (PT1104H) is shorter than a key's scheduled life"), e.getMessage());
    }

    @Test
    void refusesANonPositiveMaxTokenExpiration() {
        assertThrows(IllegalArgumentException.class,
                () -> RotationPolicy.defaults().withMaxTokenExpiration(Duration.ZERO));
    }

    @Test
    void acceptsAZeroPublishLeadAndMargin() {
        RotationPolicy p = new RotationPolicy(Duration.ofDays(45), Duration.ofDays(90), Duration.ZERO,
                Duration.ofDays(1), Duration.ZERO, KeyAlgorithm.ECDSA_P256);
        assertEquals(Duration.ofDays(1), p.verificationPeriod());
    }
}
