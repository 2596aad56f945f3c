package io.clusterca.cli;

/** A failure the CLI reports as one line on stderr with a specific exit code. */
public final class CliException extends RuntimeException {
    public static final int UNEXPECTED = 1;
    public static final int BAD_INPUT = 2;
    public static final int REFUSED = 3;

    private final int exitCode;

    private CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** Unreadable file, malformed PEM/CSR, bad flag value: exit 2. */
    public static CliException badInput(String message) {
        return new CliException(BAD_INPUT, message);
    }

    /** Refused by policy or revocation: exit 3, the message starts with {@code refused: }. */
    public static CliException refused(String reason) {
        return new CliException(REFUSED, "refused: " + reason);
    }

    public int exitCode() {
        return exitCode;
    }
}
