package io.clusterca.cli;

import io.clusterca.ca.AuthorityOutputs;
import io.clusterca.ca.ClusterAuthority;
import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.keystore.SealedKeyStore;
import io.clusterca.ca.kubeadm.InitOptions;
import io.clusterca.ca.kubeadm.InitResult;
import io.clusterca.ca.kubeadm.KubeadmPki;
import io.clusterca.ca.kubeadm.PkiConflictException;
import io.clusterca.ca.kubeadm.PkiLedger;
import io.clusterca.ca.sakeys.KeyRing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Writes kubeadm's PKI layout from the sealed CAs of the data dir: the files the API server and
 * etcd read (plaintext, 0600 keys, as kubeadm writes them), sa.key/sa.pub from the key ring, and
 * every leaf recorded in the ledger.
 */
@Command(name = "init", description = "Writes the kubeadm PKI layout (CAs, control-plane leaves, sa.key/sa.pub).")
public final class InitCommand implements Runnable {
    @ParentCommand
    Main main;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    AuthorityOptions authorityOptions;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--pki-dir", required = true, paramLabel = "DIR", description = "kubeadm PKI dir, e.g. /etc/kubernetes/pki")
    Path pkiDir;

    @Option(names = "--overwrite", description = "Replace existing files that do not fit (other CA, expired, missing SANs)")
    boolean overwrite;

    @Override
    public void run() {
        CliContext ctx = main.context();
        Instant now = ctx.clock().instant();
        AuthorityOutputs outputs = AuthorityOptions.journalOutputs(dataDir.path());
        SealedKeyStore store = Vaults.open(ctx, dataDir.path(), outputs.events());
        try (ClusterAuthority authority = authorityOptions.open(ctx, dataDir.path(), store, outputs)) {
            KubeadmPki pki = new KubeadmPki(pkiDir, authorityOptions.issuanceSettings().endpoints());
            KeyRing ring = KeyRing.open(KeyRing.Settings.of(dataDir.path()).withApiServerPkiDir(pkiDir), store, outputs.events());
            InitResult result;
            try {
                result = pki.init(authority.cas().all(), cluster.settings(), now, InitOptions.defaults()
                        .withLeafValidity(authorityOptions.issuanceSettings().defaultValidity())
                        .withOverwrite(overwrite)
                        .withServiceAccountKeys((saKey, saPub) -> serviceAccountKeys(ring, saKey, now)));
            } catch (PkiConflictException e) {
                throw CliException.badInput(String.join("; ", e.conflicts()) + " (use --overwrite to replace)");
            }
            PkiLedger.record(pkiDir, authority.ledger(), "clusterca init", now);
            result.files().forEach(f -> ctx.out().println(f.action().toString().toLowerCase(java.util.Locale.ROOT) + " " + f.name()
                    + (f.detail().isEmpty() ? "" : " (" + f.detail() + ")")));
            ctx.out().println("wrote " + pkiDir + "; service-account key " + ring.current().active().map(k -> k.kid()).orElse("?"));
        }
    }

    /** An existing kubeadm sa.key is adopted (tokens keep verifying); otherwise the ring's first key is written. */
    private static void serviceAccountKeys(KeyRing ring, Path saKey, Instant now) {
        if (ring.current().active().isEmpty() && Files.exists(saKey)) {
            ring.adopt(existingKeyPair(saKey), now);
        }
        ring.tick(now);
    }

    private static KeyPair existingKeyPair(Path saKey) {
        try {
            var priv = Pem.privateKey(Files.readString(saKey));
            if (priv instanceof RSAPrivateCrtKey rsa) {
                var spec = new java.security.spec.RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent());
                return new KeyPair(java.security.KeyFactory.getInstance("RSA").generatePublic(spec), priv);
            }
            throw CliException.badInput(saKey + ": only an RSA sa.key can be adopted; move it away to start a new key ring");
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw CliException.badInput("cannot read " + saKey + ": " + e.getMessage());
        }
    }
}
