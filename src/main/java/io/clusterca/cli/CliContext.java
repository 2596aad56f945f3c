package io.clusterca.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/** What a command may use from its surroundings; tests pass their own. */
public record CliContext(Map<String, String> env, Clock clock, PrintWriter out, PrintWriter err) {
    public CliContext {
        env = Map.copyOf(env);
    }
}
