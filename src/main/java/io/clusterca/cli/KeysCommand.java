package io.clusterca.cli;

import io.clusterca.ca.events.EventSink;
import io.clusterca.ca.keystore.RewrapSummary;
import io.clusterca.ca.keystore.SealedKeyStore;
import io.clusterca.ca.sakeys.KeyRing;
import io.clusterca.ca.sakeys.Transition;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "keys", description = "Key-encryption keys and service-account signing keys.",
        subcommands = {KeysCommand.RotateKek.class, KeysCommand.Rewrap.class, KeysCommand.RotateSa.class})
public final class KeysCommand {
    @ParentCommand
    Main main;

    @Command(name = "rotate-kek", description = "Adds a new key-encryption key; new and re-wrapped keys use it.")
    static final class RotateKek implements Runnable {
        @ParentCommand
        KeysCommand parent;

        @Mixin
        DataDirOption dataDir;

        @Override
        public void run() {
            CliContext ctx = parent.main.context();
            SealedKeyStore store = Vaults.open(ctx, dataDir.path(), EventSink.NONE);
            int version = store.rotateKek(ctx.clock().instant());
            ctx.out().println("KEK rotated: version " + version + " is current; run 'clusterca keys rewrap' to move every key to it");
        }
    }

    @Command(name = "rewrap", description = "Re-wraps every data key with the newest KEK and removes KEKs no key needs.")
    static final class Rewrap implements Runnable {
        @ParentCommand
        KeysCommand parent;

        @Mixin
        DataDirOption dataDir;

        @Override
        public void run() {
            CliContext ctx = parent.main.context();
            RewrapSummary summary = Vaults.open(ctx, dataDir.path(), EventSink.NONE).rewrap();
            ctx.out().println("re-wrapped " + summary.rewrapped() + " keys, verified " + summary.verified()
                    + " under KEK version " + summary.currentKekVersion() + "; removed KEK versions " + summary.removedKekVersions());
        }
    }

    @Command(name = "rotate-sa", description = "Publishes a new service-account signing key (pending for the publish lead, then active).")
    static final class RotateSa implements Runnable {
        @ParentCommand
        KeysCommand parent;

        @Mixin
        DataDirOption dataDir;

        @Mixin
        SaKeyOptions saKeys;

        @Option(names = "--now", description = "Activate the new key at once and rewrite sa.key (suspected compromise)")
        boolean now;

        @Option(names = "--retire-previous", description = "With --now: retire the previous key at once (confirmed compromise; its tokens stop verifying)")
        boolean retirePrevious;

        @Option(names = "--max-token-expiration", defaultValue = "86400", paramLabel = "SECONDS",
                description = "Longest token lifetime, for the retirement schedule. Default: ${DEFAULT-VALUE}")
        long maxTokenExpiration;

        @Override
        public void run() {
            if (retirePrevious && !now) {
                throw CliException.badInput("--retire-previous needs --now");
            }
            CliContext ctx = parent.main.context();
            SealedKeyStore store = Vaults.open(ctx, dataDir.path(), EventSink.NONE);
            KeyRing ring = saKeys.open(dataDir.path(), store, EventSink.NONE, maxTokenExpiration);
            List<Transition> transitions = now
                    ? ring.rotateNow(ctx.clock().instant(), retirePrevious ? KeyRing.PreviousKey.RETIRE : KeyRing.PreviousKey.KEEP_VERIFYING)
                    : ring.rotate(ctx.clock().instant());
            if (transitions.isEmpty()) {
                ctx.out().println("a key is already pending; nothing to do");
            }
            transitions.forEach(t -> ctx.out().println(t));
            if (!now) {
                ctx.out().println("the new key is published now and starts signing after the publish lead of "
                        + ring.policy().publishLead().toMinutes() + " minutes; restart kube-apiserver once sa.key changes");
            }
        }
    }
}
