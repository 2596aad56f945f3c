package io.clusterca.cli;

import io.clusterca.ca.ClusterAuthority;
import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.issuance.Issuance;
import io.clusterca.ca.policy.CertificateRequest;
import io.clusterca.ca.policy.Requester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Offline signing by an administrator. Without {@code --requester} only the CSR's content is
 * checked; with it, the identity rules of the signer apply as if that user asked.
 */
@Command(name = "sign", description = "Signs a CSR; prints the leaf and then the issuing CA certificate (PEM).")
public final class SignCommand implements Runnable {
    @ParentCommand
    Main main;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    AuthorityOptions authorityOptions;

    @Option(names = "--signer", required = true, paramLabel = "NAME", description = "Signer name, e.g. kubernetes.io/kube-apiserver-client-kubelet")
    String signer;

    @Option(names = "--csr", required = true, paramLabel = "FILE", description = "PEM certificate request")
    Path csrFile;

    @Option(names = "--requester", paramLabel = "USER", description = "Identity the policy checks (omit: administrator)")
    Optional<String> requester;

    @Option(names = "--group", paramLabel = "G", description = "Groups of --requester (repeatable)")
    List<String> groups = List.of();

    @Option(names = "--expiration-seconds", paramLabel = "N", description = "Requested lifetime in seconds")
    Optional<Long> expirationSeconds;

    @Override
    public void run() {
        CliContext ctx = main.context();
        PKCS10CertificationRequest csr = Pem.csr(readCsr());
        if (requester.isEmpty() && !groups.isEmpty()) {
            throw CliException.badInput("--group needs --requester");
        }
        Optional<Requester> who = requester.map(u -> new Requester(u, Set.copyOf(groups)));
        try (ClusterAuthority authority = authorityOptions.open(ctx, dataDir.path())) {
            Issuance outcome = authority.issuer().issue(new CertificateRequest(signer, csr, who,
                    expirationSeconds.map(Duration::ofSeconds), Optional.empty()));
            if (outcome instanceof Issuance.Refused refused) {
                throw CliException.refused(refused.reason());
            }
            ctx.out().print(Pem.encodeAll(((Issuance.Issued) outcome).chain()));
        }
    }

    private String readCsr() {
        try {
            return Files.readString(csrFile);
        } catch (IOException e) {
            throw CliException.badInput("cannot read " + csrFile + ": " + e.getMessage());
        }
    }
}
