package io.clusterca.cli;

import io.clusterca.ca.kubeadm.ClusterSettings;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** What kubeadm's ClusterConfiguration says about names and addresses, as flags. */
public final class ClusterOptions {
    @Option(names = "--node-name", paramLabel = "NAME", description = "Control-plane node name. Default: this host's name")
    Optional<String> nodeName;

    @Option(names = "--advertise-address", paramLabel = "IP",
            description = "API server advertise address. Default: the first non-loopback IPv4 address, else 127.0.0.1")
    Optional<String> advertiseAddress;

    @Option(names = "--apiserver-san", paramLabel = "NAME|IP", description = "Extra apiserver certificate SANs (repeatable)")
    List<String> apiserverSans = List.of();

    @Option(names = "--service-cidr", defaultValue = "10.96.0.0/12", description = "Service subnet. Default: ${DEFAULT-VALUE}")
    String serviceCidr;

    @Option(names = "--dns-domain", defaultValue = "cluster.local", description = "Cluster DNS domain. Default: ${DEFAULT-VALUE}")
    String dnsDomain;

    public ClusterSettings settings() {
        try {
            return ClusterSettings.of(nodeName.orElseGet(ClusterOptions::hostName), advertiseAddress.orElseGet(ClusterOptions::firstIpv4))
                    .withApiServerCertSans(apiserverSans).withServiceSubnet(serviceCidr).withDnsDomain(dnsDomain);
        } catch (IllegalArgumentException e) {
            throw CliException.badInput(e.getMessage());
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT);
        } catch (java.net.UnknownHostException e) {
            throw CliException.badInput("cannot determine the host name; pass --node-name");
        }
    }

    private static String firstIpv4() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // fall through to loopback
        }
        return "127.0.0.1";
    }
}
