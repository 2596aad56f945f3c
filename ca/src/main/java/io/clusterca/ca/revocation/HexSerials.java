package io.clusterca.ca.revocation;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Serial numbers as people paste them: {@code 77FDF4B1...} from a browser, {@code 77:fd:f4:b1:...}
 * from {@code openssl x509 -text}, with or without leading zero octets. All become the form the API
 * prints, {@link BigInteger#toString(int) BigInteger.toString(16)}: lowercase, no colons, no leading zeros.
 */
public final class HexSerials {
    /** RFC 5280 4.1.2.2: conforming serials are at most 20 octets. */
    static final int MAX_OCTETS = 20;
    private static final Pattern HEX_WITH_COLONS = Pattern.compile("[0-9A-Fa-f]+(:[0-9A-Fa-f]+)*");

    private HexSerials() {}

    /** Why {@code text} is not a serial number, or empty when it is one. */
    static Optional<String> problem(String text) {
        if (!HEX_WITH_COLONS.matcher(text).matches()) {
            return Optional.of("is not a hexadecimal serial number (hex digits, optionally separated by colons)");
        }
        BigInteger value = new BigInteger(text.replace(":", ""), 16);
        if (value.signum() == 0) {
            return Optional.of("is zero, which no certificate carries");
        }
        if (value.bitLength() > MAX_OCTETS * 8) {
            return Optional.of("is longer than " + MAX_OCTETS + " octets, the limit of RFC 5280");
        }
        return Optional.empty();
    }

    public static String normalize(String text) {
        problem(text).ifPresent(p -> {
            throw new IllegalArgumentException("serial number \"" + text + "\" " + p);
        });
        return new BigInteger(text.replace(":", ""), 16).toString(16);
    }
}
