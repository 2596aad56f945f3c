package io.clusterca.cli;

import io.clusterca.ca.ClusterAuthority;
import io.clusterca.ca.kubeadm.KubeadmPki;
import io.clusterca.ca.kubeadm.PkiLedger;
import io.clusterca.ca.kubeadm.RenewalOutcome;
import io.clusterca.ca.kubeadm.RepairNeed;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Gets a cluster working again after a revocation: every control-plane certificate of the kubeadm
 * layout that a rule revokes, that has expired or whose key is unusable is re-issued from its CA
 * with the same subject and SANs; valid ones are left alone.
 */
@Command(name = "repair", description = "Re-issues revoked, expired or broken control-plane certificates of a kubeadm PKI dir.")
public final class RepairCommand implements Runnable {
    @ParentCommand
    Main main;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    AuthorityOptions authorityOptions;

    @Option(names = "--pki-dir", required = true, paramLabel = "DIR")
    Path pkiDir;

    @Override
    public void run() {
        CliContext ctx = main.context();
        Instant now = ctx.clock().instant();
        try (ClusterAuthority authority = authorityOptions.open(ctx, dataDir.path())) {
            KubeadmPki pki = new KubeadmPki(CertsCommand.existingPkiDir(pkiDir), authorityOptions.issuanceSettings().endpoints());
            // Record what is there first, so a rule by group, DNS or IP resolves against these leaves too.
            PkiLedger.record(pkiDir, authority.ledger(), "clusterca repair", now);
            Predicate<X509Certificate> revoked = cert -> authority.renewalGate().checkPresented(cert).isPresent();
            List<RepairNeed> needs = pki.needingReissue(revoked, now);
            if (needs.isEmpty()) {
                ctx.out().println("nothing to repair: every control-plane certificate is valid and not revoked");
                return;
            }
            needs.forEach(n -> ctx.out().println("replacing " + n));
            List<RenewalOutcome> outcomes = pki.reissue(needs, authority.cas().all(), revoked, now,
                    authorityOptions.issuanceSettings().defaultValidity());
            PkiLedger.record(pkiDir, authority.ledger(), "clusterca repair", now);
            outcomes.forEach(o -> ctx.out().println(o));
        }
    }
}
