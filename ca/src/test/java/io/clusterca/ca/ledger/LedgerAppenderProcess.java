package io.clusterca.ca.ledger;

import java.nio.file.Path;
import java.time.Instant;

/** Child process for the kill -9 test: appends forever, printing each serial once append returned. */
public final class LedgerAppenderProcess {
    private LedgerAppenderProcess() {}

    public static void main(String[] args) {
        FileLedger ledger = FileLedger.open(Path.of(args[0]));
        for (long i = 1; ; i++) {
            String serial = Long.toHexString(i);
            ledger.append(LedgerEntries.node(serial, "node-" + i, Instant.now()));
            System.out.println(serial);
            System.out.flush();
        }
    }
}
