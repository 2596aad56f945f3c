package io.clusterca.cli;

import io.clusterca.ca.ClusterAuthority;
import io.clusterca.ca.kubeadm.ExpirationReport;
import io.clusterca.ca.kubeadm.KubeadmPki;
import io.clusterca.ca.kubeadm.PkiLedger;
import io.clusterca.ca.kubeadm.RenewalOutcome;
import io.clusterca.ca.kubeadm.UnknownCertificateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "certs", description = "kubeadm-style certificate maintenance of a PKI dir.",
        subcommands = {CertsCommand.CheckExpiration.class, CertsCommand.Renew.class})
public final class CertsCommand {
    @ParentCommand
    Main main;

    static Path existingPkiDir(Path pkiDir) {
        if (!Files.isDirectory(pkiDir)) {
            throw CliException.badInput("--pki-dir " + pkiDir + " is not a directory");
        }
        return pkiDir;
    }

    @Command(name = "check-expiration", description = "Prints kubeadm's expiration tables for the PKI dir.")
    static final class CheckExpiration implements Runnable {
        @ParentCommand
        CertsCommand parent;

        @Option(names = "--pki-dir", required = true, paramLabel = "DIR")
        Path pkiDir;

        @Override
        public void run() {
            CliContext ctx = parent.main.context();
            ExpirationReport report = new KubeadmPki(existingPkiDir(pkiDir)).checkExpiration(ctx.clock().instant());
            ctx.out().print(report.render());
        }
    }

    @Command(name = "renew", description = "Re-issues one certificate (or all), keeping subject and SANs.")
    static final class Renew implements Runnable {
        @ParentCommand
        CertsCommand parent;

        @Parameters(index = "0", paramLabel = "all|NAME", description = "all, or one of: ${COMPLETION-CANDIDATES}")
        String name;

        @Option(names = "--pki-dir", required = true, paramLabel = "DIR")
        Path pkiDir;

        @Mixin
        DataDirOption dataDir;

        @Mixin
        AuthorityOptions authorityOptions;

        @Override
        public void run() {
            CliContext ctx = parent.main.context();
            Instant now = ctx.clock().instant();
            try (ClusterAuthority authority = authorityOptions.open(ctx, dataDir.path())) {
                List<RenewalOutcome> outcomes;
                try {
                    outcomes = new KubeadmPki(existingPkiDir(pkiDir), authorityOptions.issuanceSettings().endpoints())
                            .renew(name, authority.cas().all(), now, authorityOptions.issuanceSettings().defaultValidity());
                } catch (UnknownCertificateException e) {
                    throw CliException.badInput(e.getMessage());
                }
                PkiLedger.record(pkiDir, authority.ledger(), "clusterca certs renew", now);
                outcomes.forEach(o -> ctx.out().println(o));
            }
        }
    }
}
