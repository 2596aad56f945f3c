package io.clusterca.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * Counters and gauges in the Prometheus text exposition format. Counters are lock-free
 * ({@link LongAdder}); a scrape renders a consistent-enough snapshot, as client libraries do.
 */
public final class Metrics {
    private record Family(String type, String help) {}

    private final Map<String, Family> families = new ConcurrentSkipListMap<>();
    private final Map<String, Map<String, LongAdder>> counters = new ConcurrentHashMap<>();
    private final Map<String, Map<String, DoubleSupplier>> gauges = new ConcurrentHashMap<>();

    /** Increments counter {@code name} with labels given as alternating key, value. */
    public void inc(String name, String help, String... labels) {
        families.putIfAbsent(name, new Family("counter", help));
        counters.computeIfAbsent(name, n -> new ConcurrentHashMap<>())
                .computeIfAbsent(labelText(labels), l -> new LongAdder()).increment();
    }

    public void gauge(String name, String help, DoubleSupplier value, String... labels) {
        families.putIfAbsent(name, new Family("gauge", help));
        gauges.computeIfAbsent(name, n -> new ConcurrentHashMap<>()).put(labelText(labels), value);
    }

    public long counterValue(String name, String... labels) {
        LongAdder a = counters.getOrDefault(name, Map.of()).get(labelText(labels));
        return a == null ? 0 : a.sum();
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        families.forEach((name, family) -> {
            sb.append("# HELP ").append(name).append(' ').append(family.help()).append('\n');
            sb.append("# TYPE ").append(name).append(' ').append(family.type()).append('\n');
            new TreeMap<>(counters.getOrDefault(name, Map.of())).forEach((labels, v) ->
                    sb.append(name).append(labels).append(' ').append(v.sum()).append('\n'));
            new TreeMap<>(gauges.getOrDefault(name, Map.of())).forEach((labels, v) ->
                    sb.append(name).append(labels).append(' ').append(format(v.getAsDouble())).append('\n'));
        });
        return sb.toString();
    }

    private static String format(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String labelText(String... labels) {
        if (labels.length == 0) {
            return "";
        }
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in key, value pairs");
        }
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < labels.length; i += 2) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(labels[i]).append("=\"").append(escape(labels[i + 1])).append('"');
        }
        return sb.append('}').toString();
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
