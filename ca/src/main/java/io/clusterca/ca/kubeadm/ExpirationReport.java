package io.clusterca.ca.kubeadm;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code certs check-expiration}: the leaves and the CAs of a pki directory with their expiry,
 * rendered as kubeadm renders them (cmd/kubeadm/app/cmd/certs.go, newCmdCertsExpiration). kubeadm
 * also lists the certificates inside admin.conf, controller-manager.conf, scheduler.conf and
 * super-admin.conf; ClusterCA does not manage kubeconfig files, so those rows are absent.
 */
public record ExpirationReport(Instant now, List<ExpirationRow> certificates, List<ExpirationRow> authorities) {
    /** Go layout "Jan 02, 2006 15:04 MST" for a certificate's notAfter, which Go parses as UTC. */
    private static final DateTimeFormatter EXPIRES =
            DateTimeFormatter.ofPattern("MMM dd, yyyy HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    public ExpirationReport {
        certificates = List.copyOf(certificates);
        authorities = List.copyOf(authorities);
    }

    /** Reads every leaf and CA certificate of {@code pkiDir}; nothing missing or unreadable is fatal. */
    public static ExpirationReport read(Path pkiDir, Instant now) {
        PkiDirectory dir = new PkiDirectory(pkiDir);
        List<ExpirationRow> leaves = KubeadmCert.sortedByName().stream()
                .map(c -> row(c.kubeadmName(), dir.certificate(c.baseName()), now,
                        Optional.of(c.kubeadmCa().kubeadmName())))
                .toList();
        List<ExpirationRow> cas = KubeadmCa.sortedByName().stream()
                .map(c -> row(c.kubeadmName(), dir.certificate(c.baseName()), now, Optional.empty()))
                .toList();
        return new ExpirationReport(now, leaves, cas);
    }

    private static ExpirationRow row(String name, FileState<X509Certificate> file, Instant now,
                                     Optional<String> authority) {
        if (file instanceof FileState.Loaded<X509Certificate> loaded) {
            Instant expires = loaded.value().getNotAfter().toInstant();
            return new ExpirationRow.Found(name, expires, Duration.between(now, expires), authority, false);
        }
        if (file instanceof FileState.Unreadable<X509Certificate> unreadable) {
            return new ExpirationRow.Unreadable(name, unreadable.reason());
        }
        return new ExpirationRow.Missing(name);
    }

    /** True when every certificate was found and none has expired. */
    public boolean allValid() {
        return Stream.concat(certificates.stream(), authorities.stream())
                .allMatch(r -> r instanceof ExpirationRow.Found f && f.residual().compareTo(Duration.ZERO) > 0);
    }

    /**
     * The two tables kubeadm prints, column for column: a missing certificate is
     * {@code !MISSING! <name>} as in kubeadm; an unreadable one (kubeadm would abort) is
     * {@code !UNREADABLE! <name>} with the reason at the end of the line.
     */
    public String render() {
        TabWriter w = new TabWriter(10, 3);
        w.line("CERTIFICATE\tEXPIRES\tRESIDUAL TIME\tCERTIFICATE AUTHORITY\tEXTERNALLY MANAGED");
        for (ExpirationRow row : certificates) {
            w.line(row instanceof ExpirationRow.Found f
                    ? String.join("\t", f.name(), EXPIRES.format(f.expires()), HumanDuration.shortHuman(f.residual()),
                            f.authority().orElse(""), yesNo(f.externallyManaged()))
                    : problemLine(row, 4));
        }
        w.line("");
        w.line("CERTIFICATE AUTHORITY\tEXPIRES\tRESIDUAL TIME\tEXTERNALLY MANAGED");
        for (ExpirationRow row : authorities) {
            w.line(row instanceof ExpirationRow.Found f
                    ? String.join("\t", f.name(), EXPIRES.format(f.expires()), HumanDuration.shortHuman(f.residual()),
                            yesNo(f.externallyManaged()))
                    : problemLine(row, 3));
        }
        return w.render();
    }

    private static String problemLine(ExpirationRow row, int emptyColumns) {
        String tabs = "\t".repeat(emptyColumns);
        if (row instanceof ExpirationRow.Unreadable u) {
            return "!UNREADABLE! " + u.name() + tabs + u.reason();
        }
        return "!MISSING! " + row.name() + tabs;
    }

    /** kubeadm prints the last column with Go's {@code %-8v}. */
    private static String yesNo(boolean b) {
        return String.format("%-8s", b ? "yes" : "no");
    }
}
