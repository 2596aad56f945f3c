package io.clusterca.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));

    @Test
    void doublesPerConsecutiveFailureUpToTheMaximum() {
        assertEquals(Duration.ofMillis(200), backoff.delay(1, 0));
        assertEquals(Duration.ofMillis(400), backoff.delay(2, 0));
        assertEquals(Duration.ofMillis(1600), backoff.delay(4, 0));
        assertEquals(Duration.ofSeconds(30), backoff.delay(20, 0));
        assertEquals(Duration.ofSeconds(30), backoff.delay(Integer.MAX_VALUE, 0));
    }

    @Test
    void jitterShortensTheDelayByAtMostAFifth() {
        assertEquals(Duration.ofMillis(160), backoff.delay(1, 1.0));
        assertEquals(Duration.ofSeconds(24), backoff.delay(20, 1.0));
    }
}
