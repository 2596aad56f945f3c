package io.clusterca.cli;

import io.clusterca.ca.events.EventSink;
import io.clusterca.ca.sakeys.JwksDocument;
import io.clusterca.ca.sakeys.KeyRing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** Prints the JWKS, e.g. to publish it to object storage for workload-identity federation. */
@Command(name = "jwks", description = "Prints the service-account JWKS (every published key).")
public final class JwksCommand implements Runnable {
    @ParentCommand
    Main main;

    @Mixin
    DataDirOption dataDir;

    @Override
    public void run() {
        CliContext ctx = main.context();
        KeyRing ring = KeyRing.open(KeyRing.Settings.of(dataDir.path()), Vaults.open(ctx, dataDir.path(), EventSink.NONE), EventSink.NONE);
        if (ring.current().active().isEmpty()) {
            throw CliException.badInput("no service-account signing key in " + dataDir.path() + " yet: run 'clusterca keys rotate-sa' or 'serve'");
        }
        ctx.out().println(JwksDocument.of(ring));
    }
}
