package io.clusterca.ca.kubeadm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cluster settings and the SANs kubeadm derives from them (pki_helpers.go). */
class ClusterSettingsTest {

    @Test
    void apiServerServiceIpDefaultsTo10_96_0_1() {
        assertEquals("10.96.0.1", ClusterSettings.of("cp-1", "10.0.0.2").apiServerServiceIp().getHostAddress());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "10.100.0.0/16; 10.100.0.1",
            "10.100.7.9/16; 10.100.0.1",
            "fd00:10:96::/112; fd00:10:96:0:0:0:0:1",
            "10.96.0.0/12,fd00::/108; 10.96.0.1",
            "192.168.0.0/31; 192.168.0.1"})
    void apiServerServiceIpIsTheFirstAddressOfTheFirstServiceSubnet(String subnet, String ip) {
        assertEquals(ip, ClusterSettings.of("cp-1", "10.0.0.2").withServiceSubnet(subnet).apiServerServiceIp()
                .getHostAddress());
    }

    @Test
    void refusesAServiceSubnetWithNoRoomForTheServiceIp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClusterSettings.of("cp-1", "10.0.0.2").withServiceSubnet("10.96.0.0/32"));
        assertEquals("service subnet \"10.96.0.0/32\" is too small to hold the API server's service IP", e.getMessage());
    }

    @Test
    void refusesAnExtraSanThatIsNeitherAnIpNorADnsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClusterSettings.of("cp-1", "10.0.0.2").withApiServerCertSans(List.of("Bad_Name")));
        assertEquals("API server SAN \"Bad_Name\" is neither an IP address nor a valid DNS name", e.getMessage());
    }

    @Test
    void refusesAHostNameAsAdvertiseAddressWithoutResolvingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClusterSettings.of("cp-1", "localhost"));
        assertEquals("advertise address \"localhost\" is not a valid IP address", e.getMessage());
    }

    @Test
    void refusesANodeNameThatIsNotADnsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClusterSettings.of("CP_1", "10.0.0.2"));
        assertEquals("node name \"CP_1\" is not a valid DNS name (RFC 1123: lower-case letters, digits, '-' and '.')",
                e.getMessage());
    }

    @Test
    void apiServerAltNamesAreKubeadmsSortedAndDeduplicated() throws Exception {
        ClusterSettings s = ClusterSettings.of("cp-1", "10.0.0.2")
                .withApiServerCertSans(List.of("*.api.example.com", "kubernetes", "10.96.0.1", "2001:db8::1"));

        AltNames names = AltNames.forApiServer(s);

        assertEquals(List.of("*.api.example.com", "cp-1", "kubernetes", "kubernetes.default",
                "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"), names.dnsNames());
        assertEquals(List.of(InetAddress.getByName("10.96.0.1"), InetAddress.getByName("10.0.0.2"),
                InetAddress.getByName("2001:db8::1")), names.ipAddresses());
    }

    @Test
    void etcdAltNamesAreTheNodeLocalhostAdvertiseAddressAndLoopbacks() throws Exception {
        AltNames names = AltNames.forEtcd(ClusterSettings.of("cp-1", "10.0.0.2"));

        assertEquals(List.of("cp-1", "localhost"), names.dnsNames());
        assertEquals(List.of(InetAddress.getByName("10.0.0.2"), InetAddress.getByName("127.0.0.1"),
                InetAddress.getByName("::1")), names.ipAddresses());
    }

    @Test
    void dnsDomainChangesTheLongestServiceName() {
        AltNames names = AltNames.forApiServer(ClusterSettings.of("cp-1", "10.0.0.2").withDnsDomain("corp.internal"));

        assertEquals("kubernetes.default.svc.corp.internal", names.dnsNames().get(4));
    }
}
