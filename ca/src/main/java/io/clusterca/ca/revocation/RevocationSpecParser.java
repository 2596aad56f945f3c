package io.clusterca.ca.revocation;

import io.clusterca.ca.net.IpAddresses;
import java.net.InetAddress;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code spec} of a RenewRevocation (as a plain map, the way YAML or JSON parsers and fabric8's
 * {@code GenericKubernetesResource} hand it over) into {@link RevocationRule}s, reporting every problem
 * with its path, e.g. {@code spec.revocations[3].ip: "300.1.2.3" is not an IP address}.
 *
 * <p>The admission webhook calls {@link #validate} so a bad object is refused at {@code kubectl apply};
 * the data-directory loader and the Kubernetes informer call {@link #parse}. Values must have the types
 * the CRD schema declares (a serial number is a string, so YAML {@code 1234} must be quoted), because a
 * number would have lost the digits the operator typed.
 */
public final class RevocationSpecParser {
    private static final Set<String> SPEC_FIELDS = Set.of("description", "revocations");
    private static final Set<String> COMMON_FIELDS = Set.of("kind", "notBefore", "description");
    /** RFC 3339 section 5.6 date-time; java.time alone would also take ISO forms without seconds. */
    private static final Pattern RFC_3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final int MAX_QUOTED = 80;

    private RevocationSpecParser() {}

    /** Every problem of {@code spec} (the object's {@code spec}, null when absent); empty when valid. */
    public static List<String> validate(Map<String, ?> spec) {
        return parse(spec, "", "").errors();
    }

    public static ParsedSpec parse(Map<String, ?> spec, String namespace, String name) {
        List<String> errors = new ArrayList<>();
        List<RevocationRule> rules = new ArrayList<>();
        if (spec == null) {
            return new ParsedSpec(rules, List.of("spec: required"));
        }
        for (Object key : spec.keySet()) {
            if (!SPEC_FIELDS.contains(String.valueOf(key))) {
                errors.add("spec: unknown field " + key);
            }
        }
        if (spec.get("description") != null && !(spec.get("description") instanceof String)) {
            errors.add("spec.description: must be a string");
        }
        Object revocations = spec.get("revocations");
        if (revocations == null) {
            errors.add("spec.revocations: required");
        } else if (!(revocations instanceof List<?> list)) {
            errors.add("spec.revocations: must be a list");
        } else {
            for (int i = 0; i < list.size(); i++) {
                Entry entry = new Entry("spec.revocations[" + i + "]", new RuleSource(namespace, name, i), errors);
                entry.parse(list.get(i)).ifPresent(rules::add);
            }
        }
        return new ParsedSpec(rules, errors);
    }

    /** One list entry; collects its problems into the shared list. */
    private record Entry(String path, RuleSource source, List<String> errors) {
        Optional<RevocationRule> parse(Object raw) {
            if (!(raw instanceof Map<?, ?> item)) {
                return fail(path + ": must be an object with a kind");
            }
            Optional<String> kindText = string(item, "kind");
            if (kindText.isEmpty()) {
                if (item.get("kind") == null) {
                    fail(path + ".kind: required (one of " + RevocationKind.allDisplayNames() + ")");
                }
                return Optional.empty();
            }
            Optional<RevocationKind> parsedKind = RevocationKind.parse(kindText.get());
            if (parsedKind.isEmpty()) {
                return fail(path + ".kind: " + quote(kindText.get()) + " is not one of " + RevocationKind.allDisplayNames());
            }
            RevocationKind kind = parsedKind.get();
            int before = errors.size();
            for (Object key : item.keySet()) {
                String field = String.valueOf(key);
                if (COMMON_FIELDS.contains(field) || field.equals(kind.field())) {
                    continue;
                }
                if (RevocationKind.byField(field).isPresent()) {
                    errors.add(path + ": field " + field + " is not allowed for kind " + kind.displayName());
                } else {
                    errors.add(path + ": unknown field " + field);
                }
            }
            Optional<Instant> notBefore = string(item, "notBefore").flatMap(this::instant);
            Optional<String> description = string(item, "description");
            Optional<String> value = string(item, kind.field());
            if (value.isEmpty() && item.get(kind.field()) == null) {
                errors.add(path + ": kind " + kind.displayName() + " needs field " + kind.field());
            }
            Optional<RevocationRule> rule = value.flatMap(v -> rule(kind, v, notBefore, description));
            return errors.size() == before ? rule : Optional.empty();
        }

        private Optional<RevocationRule> rule(RevocationKind kind, String value, Optional<Instant> notBefore,
                                              Optional<String> description) {
            String at = path + "." + kind.field() + ": " + quote(value);
            switch (kind) {
                case SERIAL_NUMBER -> {
                    Optional<String> problem = HexSerials.problem(value);
                    if (problem.isPresent()) {
                        return fail(at + " " + problem.get());
                    }
                    return Optional.of(new RevocationRule.BySerial(value, notBefore, description, source));
                }
                case GROUP -> {
                    if (value.isEmpty()) {
                        return fail(path + ".group: must not be empty");
                    }
                    return Optional.of(new RevocationRule.ByGroup(value, notBefore, description, source));
                }
                case DNS -> {
                    boolean suffix = value.startsWith(".");
                    String name = DnsNames.normalize(suffix ? value.substring(1) : value);
                    Optional<String> problem = DnsNames.problem(name);
                    if (problem.isPresent()) {
                        String what = suffix ? "a DNS suffix (.domain)" : "a DNS name";
                        return fail(at + " is not " + what + ": " + problem.get());
                    }
                    return Optional.of(suffix
                            ? new RevocationRule.ByDnsSuffix(name, notBefore, description, source)
                            : new RevocationRule.ByDnsName(name, notBefore, description, source));
                }
                case IP -> {
                    Optional<InetAddress> address = IpAddresses.parse(value);
                    if (address.isEmpty()) {
                        String hint = value.contains("/") ? " (ranges are not supported, list each address)" : "";
                        return fail(at + " is not an IP address" + hint);
                    }
                    return Optional.of(new RevocationRule.ByIp(address.get(), notBefore, description, source));
                }
                default -> throw new IllegalStateException(kind.name());
            }
        }

        private Optional<Instant> instant(String text) {
            if (RFC_3339.matcher(text).matches()) {
                try {
                    return Optional.of(OffsetDateTime.parse(text.toUpperCase(Locale.ROOT),
                            DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
                } catch (DateTimeParseException e) {
                    // fall through: the pattern matched but the date does not exist (2021-02-30)
                }
            }
            return fail(path + ".notBefore: " + quote(text) + " is not an RFC 3339 timestamp (e.g. 2020-04-17T17:22:05Z)");
        }

        /** The field as a string; absent when missing or null; an error when of another type. */
        private Optional<String> string(Map<?, ?> item, String field) {
            Object v = item.get(field);
            if (v == null) {
                return Optional.empty();
            }
            if (v instanceof String s) {
                return Optional.of(s);
            }
            String hint = v instanceof Number ? " (quote it in YAML)" : "";
            return fail(path + "." + field + ": must be a string, not " + typeName(v) + " " + quote(String.valueOf(v)) + hint);
        }

        private <T> Optional<T> fail(String message) {
            errors.add(message);
            return Optional.empty();
        }
    }

    private static String typeName(Object v) {
        if (v instanceof Number) {
            return "number";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v instanceof List) {
            return "list";
        }
        if (v instanceof Map) {
            return "object";
        }
        return v.getClass().getSimpleName();
    }

    /** Quoted for a message, cut short so a huge value cannot flood a response or a log line. */
    static String quote(String value) {
        String shown = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "..." : value;
        StringBuilder sb = new StringBuilder("\"");
        for (char c : shown.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
