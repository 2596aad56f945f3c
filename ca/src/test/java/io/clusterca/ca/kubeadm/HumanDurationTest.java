package io.clusterca.ca.kubeadm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** apimachinery's ShortHumanDuration, the RESIDUAL TIME column. */
class HumanDurationTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "PT-2S, <invalid>",
            "PT-1.5S, 0s",
            "PT0S, 0s",
            "PT59.9S, 59s",
            "PT60S, 1m",
            "PT59M59S, 59m",
            "PT1H, 1h",
            "PT23H59M, 23h",
            "PT24H, 1d",
            "P364DT23H, 364d",
            "P365D, 1y",
            "P3649D, 9y",
            "P3650D, 10y"})
    void formatsWithOneTruncatedUnit(String duration, String expected) {
        assertEquals(expected, HumanDuration.shortHuman(Duration.parse(duration)));
    }
}
