package io.clusterca.cli;

import io.clusterca.ca.AuthorityOutputs;
import io.clusterca.ca.ClusterAuthority;
import io.clusterca.ca.events.Journal;
import io.clusterca.ca.ledger.FileLedger;
import io.clusterca.ca.authority.PublicEndpoints;
import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.issuance.IssuanceSettings;
import io.clusterca.ca.keystore.KeyVault;
import io.clusterca.ca.policy.ServingPolicy;
import io.clusterca.ca.policy.SignerProfiles;
import io.clusterca.server.revocation.RevocationDirectory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every command that issues certificates shares, and the one place the authority is composed. */
public final class AuthorityOptions {
    @Option(names = "--key-algorithm", defaultValue = "ecdsa-p384", paramLabel = "ALG",
            description = "Key algorithm of new CAs: ecdsa-p384 or rsa-4096. Default: ${DEFAULT-VALUE}")
    String keyAlgorithm;

    @Option(names = "--leaf-validity", defaultValue = "96h", converter = GoDuration.class,
            description = "Lifetime of leaves, and the most any request may get. Default: ${DEFAULT-VALUE}")
    Duration leafValidity;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "Public https URL of this service; leaves then carry CRL and OCSP pointers")
    Optional<String> publicUrl;

    @Option(names = "--serving-dns-regex", paramLabel = "REGEX",
            description = "kubelet-serving: every DNS SAN must also match this regular expression")
    Optional<String> servingDnsRegex;

    @Option(names = "--serving-ip-cidr", paramLabel = "CIDR",
            description = "kubelet-serving: IP SANs must lie in one of these ranges (repeatable)")
    List<String> servingIpCidrs = List.of();

    public Optional<String> publicUrl() {
        return publicUrl;
    }

    public KeyAlgorithm caAlgorithm() {
        KeyAlgorithm alg = KeyAlgorithm.fromFlag(keyAlgorithm).orElseThrow(() ->
                CliException.badInput("--key-algorithm must be ecdsa-p384 or rsa-4096, not " + keyAlgorithm));
        if (alg != KeyAlgorithm.ECDSA_P384 && alg != KeyAlgorithm.RSA_4096) {
            throw CliException.badInput("--key-algorithm must be ecdsa-p384 or rsa-4096, not " + keyAlgorithm);
        }
        return alg;
    }

    public IssuanceSettings issuanceSettings() {
        if (leafValidity.compareTo(Duration.ofMinutes(10)) < 0) {
            throw CliException.badInput("--leaf-validity must be at least 10m");
        }
        publicUrl.ifPresent(AuthorityOptions::requireHttpsUrl);
        return new IssuanceSettings(leafValidity, leafValidity, new PublicEndpoints(publicUrl));
    }

    private static void requireHttpsUrl(String url) {
        try {
            URI u = new URI(url);
            if (!"https".equals(u.getScheme()) || u.getHost() == null || u.getQuery() != null || u.getFragment() != null) {
                throw CliException.badInput("--public-url must be an https URL without query or fragment: " + url);
            }
        } catch (java.net.URISyntaxException e) {
            throw CliException.badInput("--public-url is not a URL: " + url);
        }
    }

    public SignerProfiles profiles() {
        try {
            return SignerProfiles.standard(ServingPolicy.parse(servingDnsRegex, servingIpCidrs));
        } catch (IllegalArgumentException e) {
            throw CliException.badInput(e.getMessage());
        }
    }

    /** Opens the authority of {@code dataDir} with the embedded defaults: events to the local journal. Blocking. */
    public ClusterAuthority open(CliContext ctx, Path dataDir) {
        AuthorityOutputs outputs = journalOutputs(dataDir);
        return open(ctx, dataDir, Vaults.open(ctx, dataDir, outputs.events()), outputs);
    }

    /** The embedded default outputs: the local ledger and the JSON-lines journal, closed with the authority. */
    public static AuthorityOutputs journalOutputs(Path dataDir) {
        Journal journal = Journal.open(dataDir);
        return AuthorityOutputs.local(FileLedger.open(dataDir), journal, journal);
    }

    /** The authority with the revocation rules of {@code <data-dir>/revocations} in force (a broken file is reported). */
    public ClusterAuthority open(CliContext ctx, Path dataDir, KeyVault vault, AuthorityOutputs outputs) {
        ClusterAuthority authority = ClusterAuthority.open(dataDir, vault, caAlgorithm(), profiles()::forName, List.of(), outputs,
                ctx.clock(), issuanceSettings());
        RevocationDirectory.inDataDir(dataDir, authority.revocations()).reload().problems()
                .forEach(p -> ctx.err().println("warning: ignored " + p.file() + ": " + p.reason()));
        return authority;
    }
}
