package io.clusterca.ca.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IpAddressesTest {

    private static String canonical(String text) {
        return IpAddresses.format(IpAddresses.parse(text).orElseThrow(() -> new AssertionError(text)));
    }

    @Test
    void parsesIpv4DottedQuads() {
        assertEquals("170.63.128.124", canonical("170.63.128.124"));
        assertEquals("0.0.0.0", canonical("0.0.0.0"));
    }

    @Test
    void refusesIpv4FormsThatAreAmbiguousOrShort() {
        for (String bad : List.of("1.2.3", "1.2.3.4.5", "01.2.3.4", "256.1.1.1", "1.2.3.-4", "1..2.3", "")) {
            assertEquals(Optional.empty(), IpAddresses.parse(bad), bad);
        }
    }

    @Test
    void equalIpv6FormsParseToTheSameAddress() {
        InetAddress a = IpAddresses.parse("::1").orElseThrow();

        assertEquals(a, IpAddresses.parse("0:0:0:0:0:0:0:1").orElseThrow());
        assertEquals(a, IpAddresses.parse("0000:0000::0001").orElseThrow());
    }

    @Test
    void ipv4MappedIpv6IsTheIpv4Address() {
        InetAddress mapped = IpAddresses.parse("::ffff:10.1.2.3").orElseThrow();

        assertTrue(mapped instanceof Inet4Address);
        assertEquals(IpAddresses.parse("10.1.2.3").orElseThrow(), mapped);
        assertEquals(mapped, IpAddresses.parse("::ffff:a01:203").orElseThrow());
    }

    @Test
    void refusesMalformedIpv6() {
        for (String bad : List.of("1::2::3", ":::1", ":1::2", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6::7:8", "12345::",
                "::g", "fe80::1%eth0", "1.2.3.4::", "::1.2.3", "1:2:3:4:5:6:7")) {
            assertEquals(Optional.empty(), IpAddresses.parse(bad), bad);
        }
    }

    @Test
    void acceptsTheEdgesOfRfc4291TextForm() {
        assertEquals("::", canonical("::"));
        // RFC 5952 4.2.2: "::" never stands for a single zero word when printing.
        assertEquals("1:2:3:4:5:6:7:0", canonical("1:2:3:4:5:6:7::"));
        assertEquals("0:2:3:4:5:6:7:8", canonical("::2:3:4:5:6:7:8"));
        assertEquals("::102:304", canonical("::1.2.3.4"));
    }

    @Test
    void formatsIpv6AsRfc5952() {
        assertEquals("2001:db8::1", canonical("2001:0DB8:0000:0000:0000:0000:0000:0001"));
        assertEquals("2001:db8:0:1:1:1:1:1", canonical("2001:db8:0:1:1:1:1:1"));
        assertEquals("2001:db8::1:0:0:1", canonical("2001:db8:0:0:1:0:0:1"));
        assertEquals("2001:0:0:1::1", canonical("2001:0:0:1:0:0:0:1"));
    }

    @Test
    void neverLooksUpHostNames() {
        assertEquals(Optional.empty(), IpAddresses.parse("localhost"));
        assertEquals(Optional.empty(), IpAddresses.parse("example.com"));
    }
}
