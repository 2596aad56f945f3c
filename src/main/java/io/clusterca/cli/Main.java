package io.clusterca.cli;

import io.clusterca.ca.crypto.Pem;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code clusterca}: exit 0 on success, 1 on an unexpected failure, 2 on bad input, 3 when policy
 * refuses; every failure is one line on stderr, never a stack trace.
 */
@Command(name = "clusterca", mixinStandardHelpOptions = true, version = "clusterca 0.1.0",
        description = "Certificate authority and key manager for a Kubernetes cluster.",
        subcommands = {ServeCommand.class, SignCommand.class, TokenCommand.class, KeysCommand.class, JwksCommand.class, InitCommand.class, CertsCommand.class, RepairCommand.class})
public final class Main implements Runnable {
    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public Main(CliContext context) {
        this.context = context;
    }

    public CliContext context() {
        return context;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command; see clusterca --help");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        // serve returns only when the server has stopped, so every command ends here.
        System.exit(run(new CliContext(System.getenv(), Clock.systemUTC(), out, err), args));
    }

    public static int run(CliContext context, String... args) {
        CommandLine cl = new CommandLine(new Main(context));
        cl.setOut(context.out());
        cl.setErr(context.err());
        cl.setParameterExceptionHandler((ex, a) -> {
            context.err().println("error: " + ex.getMessage());
            context.err().flush();
            return CliException.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            int code;
            String message;
            if (ex instanceof CliException cli) {
                code = cli.exitCode();
                message = cli.getMessage();
            } else if (ex instanceof Pem.MalformedPemException pem) {
                code = CliException.BAD_INPUT;
                message = "error: " + pem.getMessage();
            } else {
                code = CliException.UNEXPECTED;
                message = "error: " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage());
            }
            context.err().println(message.startsWith("refused: ") || message.startsWith("error: ") ? message : "error: " + message);
            context.err().flush();
            return code;
        });
        int code = cl.execute(args);
        context.out().flush();
        return code;
    }
}
