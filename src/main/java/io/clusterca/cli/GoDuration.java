package io.clusterca.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Durations as Kubernetes flags spell them ({@code 96h}, {@code 1h30m}, {@code 45s}), plus
 * {@code d} for days, which operators type for certificate lifetimes.
 */
public final class GoDuration implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d+)(d|h|m|s|ms)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        Matcher m = PART.matcher(value);
        Duration total = Duration.ZERO;
        int pos = 0;
        while (m.find() && m.start() == pos) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMillis(n);
            });
            pos = m.end();
        }
        if (pos == 0 || pos != value.length()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 96h, 1h30m, 4d)");
        }
        return total;
    }
}
