package io.clusterca.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}: where the service keeps its sealed keys, ledger, tokens and journal. */
public final class DataDirOption {
    @Option(names = "--data-dir", defaultValue = "./clusterca-data", paramLabel = "DIR",
            description = "Data directory (sealed keys, ledger, tokens, journal). Default: ${DEFAULT-VALUE}")
    Path dataDir;

    public Path path() {
        return dataDir;
    }
}
