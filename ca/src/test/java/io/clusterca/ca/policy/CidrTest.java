package io.clusterca.ca.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CIDR ranges for the serving policy's allowed IPs. */
class CidrTest {
    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void containsIpv4AddressesInsideTheRangeOnly() throws Exception {
        Cidr range = Cidr.parse("10.0.0.0/16");

        assertTrue(range.contains(ip("10.0.255.254")));
        assertFalse(range.contains(ip("10.1.0.0")));
    }

    @Test
    void containsIpv6AddressesInsideTheRangeOnly() throws Exception {
        Cidr range = Cidr.parse("fd00::/8");

        assertTrue(range.contains(ip("fdff::1")));
        assertFalse(range.contains(ip("fe80::1")));
    }

    @Test
    void neverMatchesAcrossAddressFamilies() throws Exception {
        assertFalse(Cidr.parse("::/0").contains(ip("10.0.0.1")));
        assertFalse(Cidr.parse("0.0.0.0/0").contains(ip("::1")));
    }

    @Test
    void treatsIpv4MappedIpv6AddressesAsIpv4() throws Exception {
        assertTrue(Cidr.parse("10.0.0.0/8").contains(ip("::ffff:10.1.2.3")));
    }

    @Test
    void acceptsSingleHostRanges() throws Exception {
        assertTrue(Cidr.parse("192.168.1.5/32").contains(ip("192.168.1.5")));
        assertFalse(Cidr.parse("192.168.1.5/32").contains(ip("192.168.1.6")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.0.0.1/16|CIDR 10.0.0.1/16: 10.0.0.1/16 has host bits set: did you mean 10.0.0.0/16?",
            "fd00::1/8|CIDR fd00::1/8: fd00::1/8 has host bits set: did you mean fd00::/8?",
            "10.0.0.0/33|CIDR 10.0.0.0/33: prefix length /33 out of range 0-32",
            "10.0.0.0|CIDR 10.0.0.0 has no /prefix-length",
            "10.0.0.0/x|CIDR 10.0.0.0/x has an invalid prefix length",
            "10.0.0.256/32|CIDR 10.0.0.256/32: octet 256 out of range",
            "localhost/8|CIDR localhost/8: not an IP address literal"})
    void refusesTextThatIsNoExactCidr(String text, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
        assertEquals(reason, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.0.0.0/16|10.0.0.0/16",
            "fd00:0:0:0:0:0:0:0/8|fd00::/8",
            "2001:db8:0:0:1:0:0:0/80|2001:db8:0:0:1::/80",
            "2001:db8:0:0:1:0:0:1/128|2001:db8::1:0:0:1/128",
            "2001:db8:0:1:1:1:1:1/128|2001:db8:0:1:1:1:1:1/128",
            "::/0|::/0"})
    void printsAddressesAsRfc5952Prescribes(String text, String printed) {
        assertEquals(printed, Cidr.parse(text).toString());
    }
}
