package io.clusterca.ca.kubeadm;

import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * DNS and IP subject alternative names, normalised as kubeadm's RemoveDuplicateAltNames does
 * (cmd/kubeadm/app/util/pkiutil/pki_helpers.go): DNS names de-duplicated and sorted, IPs
 * de-duplicated in their original order. kubeadm issues no other SAN types.
 */
public record AltNames(List<String> dnsNames, List<InetAddress> ipAddresses) {
    public static final AltNames NONE = new AltNames(List.of(), List.of());

    public AltNames {
        dnsNames = List.copyOf(new TreeSet<>(dnsNames));
        ipAddresses = List.copyOf(new LinkedHashSet<>(ipAddresses));
    }

    /**
     * GetAPIServerAltNames: the node name, the {@code kubernetes} Service's names down to
     * {@code kubernetes.default.svc.<dnsDomain>}, the Service IP, the advertise address, then the extra SANs.
     */
    public static AltNames forApiServer(ClusterSettings s) {
        AltNames base = new AltNames(
                List.of(s.nodeName(), "kubernetes", "kubernetes.default", "kubernetes.default.svc",
                        "kubernetes.default.svc." + s.dnsDomain()),
                List.of(s.apiServerServiceIp(), s.advertiseAddress()));
        return base.plus(s.extraApiServerAltNames());
    }

    /**
     * GetEtcdAltNames / GetEtcdPeerAltNames (both getAltNames): the node name, localhost, the
     * advertise address and both loopback addresses, the interfaces the etcd static pod listens on.
     */
    public static AltNames forEtcd(ClusterSettings s) {
        return new AltNames(List.of(s.nodeName(), "localhost"),
                List.of(s.advertiseAddress(), IpLiterals.require("127.0.0.1", "loopback"),
                        IpLiterals.require("::1", "loopback")));
    }

    /** The DNS and IP SANs of an issued certificate (other SAN types are ignored, as kubeadm's certToConfig does). */
    public static AltNames of(X509Certificate certificate) {
        Collection<List<?>> sans;
        try {
            sans = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("unreadable subject alternative names: " + e.getMessage());
        }
        List<String> dns = new ArrayList<>();
        List<InetAddress> ips = new ArrayList<>();
        if (sans != null) {
            for (List<?> san : sans) {
                int type = (Integer) san.get(0);
                String value = String.valueOf(san.get(1));
                if (type == 2) {
                    dns.add(value);
                } else if (type == 7) {
                    ips.add(IpLiterals.require(value, "IP SAN"));
                }
            }
        }
        return new AltNames(dns, ips);
    }

    public AltNames plus(AltNames other) {
        return new AltNames(Stream.concat(dnsNames.stream(), other.dnsNames.stream()).toList(),
                Stream.concat(ipAddresses.stream(), other.ipAddresses.stream()).toList());
    }

    public boolean isEmpty() {
        return dnsNames.isEmpty() && ipAddresses.isEmpty();
    }

    /**
     * The names of {@code required} this set lacks (DNS compared case-insensitively): kubeadm's
     * validateCertificateWithConfig accepts an existing certificate only when this is empty.
     */
    public List<String> missing(AltNames required) {
        TreeSet<String> have = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        have.addAll(dnsNames);
        List<String> out = new ArrayList<>();
        required.dnsNames.stream().filter(d -> !have.contains(d)).forEach(out::add);
        required.ipAddresses.stream().filter(ip -> !ipAddresses.contains(ip))
                .map(InetAddress::getHostAddress).forEach(out::add);
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        List<String> all = new ArrayList<>();
        dnsNames.forEach(d -> all.add("DNS:" + d));
        ipAddresses.forEach(ip -> all.add("IP:" + ip.getHostAddress()));
        return String.join(", ", all);
    }
}
