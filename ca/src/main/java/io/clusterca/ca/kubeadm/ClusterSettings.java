package io.clusterca.ca.kubeadm;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of kubeadm's InitConfiguration that end up in control-plane certificates.
 *
 * @param nodeName          NodeRegistration.Name: a SAN of apiserver and etcd, the CN of etcd server/peer
 * @param advertiseAddress  LocalAPIEndpoint.AdvertiseAddress: an IP SAN of apiserver and etcd
 * @param apiServerCertSans APIServer.CertSANs: extra DNS names (wildcards allowed) or IP addresses
 * @param serviceSubnet     Networking.ServiceSubnet; its first address is the API server's service IP.
 *                          Dual-stack "v4cidr,v6cidr" uses the first, as kubeadm's GetAPIServerVirtualIP
 * @param dnsDomain         Networking.DNSDomain, for {@code kubernetes.default.svc.<dnsDomain>}
 */
public record ClusterSettings(
        String nodeName,
        InetAddress advertiseAddress,
        List<String> apiServerCertSans,
        String serviceSubnet,
        String dnsDomain) {

    /** kubeadm's defaults (cmd/kubeadm/app/apis/kubeadm/v1beta4/defaults.go). */
    public static final String DEFAULT_SERVICE_SUBNET = "10.96.0.0/12";
    public static final String DEFAULT_DNS_DOMAIN = "cluster.local";

    public ClusterSettings {
        DnsNames.requireSubdomain(nodeName, "node name");
        if (advertiseAddress == null) {
            throw new IllegalArgumentException("advertise address is required");
        }
        apiServerCertSans = List.copyOf(apiServerCertSans);
        for (String san : apiServerCertSans) {
            requireSan(san);
        }
        DnsNames.requireSubdomain(dnsDomain, "DNS domain");
        apiServerServiceIp(serviceSubnet);
    }

    /** Node name and advertise address with kubeadm's defaults for the rest. */
    public static ClusterSettings of(String nodeName, String advertiseAddress) {
        return new ClusterSettings(nodeName, IpLiterals.require(advertiseAddress, "advertise address"),
                List.of(), DEFAULT_SERVICE_SUBNET, DEFAULT_DNS_DOMAIN);
    }

    public ClusterSettings withApiServerCertSans(List<String> sans) {
        return new ClusterSettings(nodeName, advertiseAddress, sans, serviceSubnet, dnsDomain);
    }

    public ClusterSettings withServiceSubnet(String subnet) {
        return new ClusterSettings(nodeName, advertiseAddress, apiServerCertSans, subnet, dnsDomain);
    }

    public ClusterSettings withDnsDomain(String domain) {
        return new ClusterSettings(nodeName, advertiseAddress, apiServerCertSans, serviceSubnet, domain);
    }

    /** The {@code kubernetes} Service's cluster IP: the first address of the service subnet (10.96.0.1 by default). */
    public InetAddress apiServerServiceIp() {
        return apiServerServiceIp(serviceSubnet);
    }

    /**
     * kubeadm's GetAPIServerVirtualIP (cmd/kubeadm/app/constants/constants.go): index 1 of the
     * first service CIDR, refused when the subnet has no room for it.
     */
    private static InetAddress apiServerServiceIp(String serviceSubnet) {
        if (serviceSubnet == null || serviceSubnet.isBlank()) {
            throw new IllegalArgumentException("service subnet is required");
        }
        String cidr = serviceSubnet.split(",", -1)[0].trim();
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("service subnet \"" + cidr + "\" is not a CIDR (address/prefix)");
        }
        InetAddress base = IpLiterals.require(cidr.substring(0, slash), "service subnet address");
        int bits = base.getAddress().length * 8;
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("service subnet \"" + cidr + "\" has an invalid prefix length");
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("service subnet \"" + cidr + "\" has an invalid prefix length");
        }
        if (prefix >= bits) {
            throw new IllegalArgumentException("service subnet \"" + cidr + "\" is too small to hold the API server's service IP");
        }
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        BigInteger network = new BigInteger(1, base.getAddress()).andNot(hostMask);
        return toAddress(network.add(BigInteger.ONE), bits / 8);
    }

    private static InetAddress toAddress(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] address = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, address, length - copy, copy);
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** kubeadm skips an invalid extra SAN with a warning; we refuse it, so a typo never goes unnoticed. */
    private static void requireSan(String san) {
        if (IpLiterals.parse(san).isEmpty() && !DnsNames.isSubdomain(san) && !DnsNames.isWildcardSubdomain(san)) {
            throw new IllegalArgumentException("API server SAN \"" + san
                    + "\" is neither an IP address nor a valid DNS name");
        }
    }

    /** The extra API server SANs split as kubeadm's appendSANsToAltNames does: IPs first match, names otherwise. */
    AltNames extraApiServerAltNames() {
        List<String> dns = new ArrayList<>();
        List<InetAddress> ips = new ArrayList<>();
        for (String san : apiServerCertSans) {
            IpLiterals.parse(san).ifPresentOrElse(ips::add, () -> dns.add(san));
        }
        return new AltNames(dns, ips);
    }
}
