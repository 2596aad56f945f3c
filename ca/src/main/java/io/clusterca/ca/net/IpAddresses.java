package io.clusterca.ca.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * IP address literals, parsed and printed without ever touching DNS: {@link InetAddress#getByName}
 * falls back to a name lookup for text such as {@code 300.1.2.3}, which would make validation slow
 * and its outcome depend on the resolver.
 *
 * <p>IPv4 is the strict dotted-quad form (no octal-looking leading zeros, no shortened {@code 10.1}).
 * IPv6 is RFC 4291 section 2.2 text, including {@code ::} and an embedded dotted quad; zone ids are refused.
 * An IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}) is the IPv4 address, as in Go's
 * {@code net.IP.Equal} which Kubernetes uses: it names the same host, so a rule for one revokes the other.
 */
public final class IpAddresses {
    private IpAddresses() {}

    public static Optional<InetAddress> parse(String text) {
        Optional<byte[]> bytes = text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text);
        return bytes.map(IpAddresses::fromBytes);
    }

    /** The address for raw SAN bytes (4 or 16 octets); IPv4-mapped IPv6 becomes IPv4. */
    public static InetAddress fromBytes(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IP address has 4 or 16 octets, not " + address.length);
        }
    }

    /** Canonical text: dotted quad for IPv4, RFC 5952 for IPv6 ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}). */
    public static String format(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // RFC 5952 4.2: compress the longest run of two or more zero words, the first one on a tie.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && words[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(words[i]));
        }
        return sb.toString();
    }

    public static Optional<byte[]> parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                return Optional.empty();
            }
            int value = Integer.parseInt(p);
            if (value > 255) {
                return Optional.empty();
            }
            out[i] = (byte) value;
        }
        return Optional.of(out);
    }

    public static Optional<byte[]> parseV6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();
        }
        Optional<int[]> head;
        Optional<int[]> tail;
        if (gap < 0) {
            head = words(text, true);
            tail = Optional.of(new int[0]);
        } else {
            String after = text.substring(gap + 2);
            head = words(text.substring(0, gap), false);
            tail = words(after, true);
        }
        if (head.isEmpty() || tail.isEmpty()) {
            return Optional.empty();
        }
        int[] h = head.get();
        int[] t = tail.get();
        // "::" stands for one or more zero words (RFC 4291 2.2), so with it at most 7 words are written out.
        if (gap < 0 ? h.length != 8 : h.length + t.length > 7) {
            return Optional.empty();
        }
        byte[] out = new byte[16];
        for (int i = 0; i < h.length; i++) {
            putWord(out, i, h[i]);
        }
        for (int i = 0; i < t.length; i++) {
            putWord(out, 8 - t.length + i, t[i]);
        }
        return Optional.of(out);
    }

    /** Colon-separated hex words; the last may be a dotted quad (two words) when {@code mayEndWithV4}. */
    private static Optional<int[]> words(String part, boolean mayEndWithV4) {
        if (part.isEmpty()) {
            return Optional.of(new int[0]);
        }
        String[] groups = part.split(":", -1);
        int count = groups.length;
        boolean v4Tail = mayEndWithV4 && groups[count - 1].indexOf('.') >= 0;
        int[] out = new int[v4Tail ? count + 1 : count];
        for (int i = 0; i < count; i++) {
            String g = groups[i];
            if (v4Tail && i == count - 1) {
                Optional<byte[]> v4 = parseV4(g);
                if (v4.isEmpty()) {
                    return Optional.empty();
                }
                byte[] b = v4.get();
                out[i] = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
                out[i + 1] = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
                continue;
            }
            if (g.isEmpty() || g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return Optional.empty();
            }
            out[i] = Integer.parseInt(g, 16);
        }
        return Optional.of(out);
    }

    private static void putWord(byte[] out, int index, int word) {
        out[2 * index] = (byte) (word >>> 8);
        out[2 * index + 1] = (byte) word;
    }
}
