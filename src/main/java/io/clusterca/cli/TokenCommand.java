package io.clusterca.cli;

import io.clusterca.ca.tokens.BootstrapTokens;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "token", description = "Bootstrap tokens for kubelet TLS bootstrapping.",
        subcommands = TokenCommand.Create.class)
public final class TokenCommand {
    @ParentCommand
    Main main;

    @Command(name = "create", description = "Creates a bootstrap token; prints it alone on the last line.")
    static final class Create implements Runnable {
        @ParentCommand
        TokenCommand parent;

        @Mixin
        DataDirOption dataDir;

        @Option(names = "--ttl", defaultValue = "24h", converter = GoDuration.class,
                description = "How long the token is valid. Default: ${DEFAULT-VALUE}")
        Duration ttl;

        @Override
        public void run() {
            if (ttl.isZero() || ttl.isNegative()) {
                throw CliException.badInput("--ttl must be positive");
            }
            CliContext ctx = parent.main.context();
            String token = new BootstrapTokens(dataDir.path()).create(ttl, ctx.clock().instant());
            ctx.out().println(token);
        }
    }
}
