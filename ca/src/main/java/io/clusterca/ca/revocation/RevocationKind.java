package io.clusterca.ca.revocation;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code kind} of one entry of {@code spec.revocations}, with the one field that carries its value.
 * Kinds are matched case-insensitively; {@link #displayName()} is the spelling of the issue and the docs.
 */
public enum RevocationKind {
    SERIAL_NUMBER("serialnumber", "serialNumber", "serial"),
    GROUP("Group", "group", "group"),
    DNS("DNS", "dns", "DNS name"),
    IP("IP", "ip", "IP address");

    private final String displayName;
    private final String field;
    private final String attribute;

    RevocationKind(String displayName, String field, String attribute) {
        this.displayName = displayName;
        this.field = field;
        this.attribute = attribute;
    }

    public String displayName() {
        return displayName;
    }

    /** The spec field holding this kind's value, e.g. {@code serialNumber}. */
    public String field() {
        return field;
    }

    /** What of a certificate this kind matches, for messages: "serial", "DNS name", ... */
    public String attribute() {
        return attribute;
    }

    public static Optional<RevocationKind> parse(String kind) {
        return Arrays.stream(values()).filter(k -> k.displayName.equalsIgnoreCase(kind)).findFirst();
    }

    public static Optional<RevocationKind> byField(String field) {
        return Arrays.stream(values()).filter(k -> k.field.equals(field)).findFirst();
    }

    /** "serialnumber, Group, DNS, IP" */
    public static String allDisplayNames() {
        return Arrays.stream(values()).map(RevocationKind::displayName).collect(Collectors.joining(", "));
    }
}
