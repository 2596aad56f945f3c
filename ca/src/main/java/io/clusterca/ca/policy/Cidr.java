package io.clusterca.ca.policy;

import io.clusterca.ca.net.IpAddresses;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP range in CIDR notation, IPv4 ({@code 10.0.0.0/16}) or IPv6 ({@code fd00::/8}). Parsing is
 * strict: a literal address only (never a name lookup), a prefix length in range, and no host bits
 * set ({@code 10.0.0.1/16} is refused: it is almost always a typo for a narrower or wider range).
 * IPv4-mapped IPv6 addresses count as IPv4, as Java and Go's netaddr both unmap them.
 */
public record Cidr(InetAddress network, int prefixLength) {

    public Cidr {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length /" + prefixLength + " out of range 0-" + bits);
        }
        if (!mask(network, prefixLength).equals(bits(network))) {
            throw new IllegalArgumentException(format(network) + "/" + prefixLength
                    + " has host bits set: did you mean " + format(masked(network, prefixLength))
                    + "/" + prefixLength + "?");
        }
    }

    /** @throws IllegalArgumentException with a reason naming the text when it is no CIDR */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("CIDR " + text + " has no /prefix-length");
        }
        String address = text.substring(0, slash);
        String prefix = text.substring(slash + 1);
        if (!prefix.matches("\\d{1,3}")) {
            throw new IllegalArgumentException("CIDR " + text + " has an invalid prefix length");
        }
        try {
            return new Cidr(literal(address), Integer.parseInt(prefix));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("CIDR " + text + ": " + e.getMessage());
        }
    }

    public boolean contains(InetAddress address) {
        return address.getAddress().length == network.getAddress().length
                && mask(address, prefixLength).equals(bits(network));
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefixLength;
    }

    /** An address as people write it: dotted quad, or IPv6 compressed per RFC 5952 ({@code fd00::1}). */
    public static String format(InetAddress address) {
        return IpAddresses.format(address);
    }

    private static InetAddress literal(String address) {
        return IpAddresses.parse(address).orElseThrow(() -> new IllegalArgumentException(whyNotLiteral(address)));
    }

    /** The most specific reason a text is no address: a dotted quad with an octet above 255 says which. */
    private static String whyNotLiteral(String address) {
        if (address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            for (String octet : address.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return "octet " + octet + " out of range";
                }
            }
        }
        return "not an IP address literal";
    }

    private static BigInteger bits(InetAddress address) {
        return new BigInteger(1, address.getAddress());
    }

    private static BigInteger mask(InetAddress address, int prefixLength) {
        int bits = address.getAddress().length * 8;
        BigInteger ones = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefixLength).subtract(BigInteger.ONE);
        return bits(address).and(ones.xor(hostMask));
    }

    private static InetAddress masked(InetAddress address, int prefixLength) {
        byte[] raw = mask(address, prefixLength).toByteArray();
        byte[] out = new byte[address.getAddress().length];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
