package io.clusterca.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The packaged jar run as an operator runs it: {@code java -jar target/clusterca.jar ...}. */
public final class ClusterCaProcess implements AutoCloseable {
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private ClusterCaProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException e) {
                // process ended
            }
        }, "clusterca-output");
        reader.setDaemon(true);
        reader.start();
    }

    public record Result(int exitCode, String stdout, String stderr) {}

    public static Path jar() {
        return Path.of(System.getProperty("clusterca.jar", "target/clusterca.jar"));
    }

    private static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs a command to completion. */
    public static Result run(String... args) {
        try {
            Process p = new ProcessBuilder(command(args)).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("clusterca " + String.join(" ", args) + " did not finish");
            }
            return new Result(p.exitValue(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts {@code serve ...} and waits until it says it is serving. */
    public static ClusterCaProcess serve(String... args) {
        List<String> cmd = command("serve");
        cmd.addAll(List.of(args));
        try {
            ClusterCaProcess p = new ClusterCaProcess(new ProcessBuilder(cmd).redirectErrorStream(true).start());
            try {
                p.awaitLine(l -> l.startsWith("clusterca serving on"), Duration.ofSeconds(120));
            } catch (AssertionError e) {
                p.kill();
                throw e;
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the process has printed a line matching {@code line}; fails if it exits or time runs out. */
    public String awaitLine(Predicate<String> line, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Optional<String> found = output.stream().filter(line).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
                if (!process.isAlive()) {
                    throw new AssertionError("process exited " + process.exitValue() + ": " + String.join("\n", output));
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no such line within " + timeout + ": " + String.join("\n", output));
                }
                process.waitFor(50, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public List<String> output() {
        return List.copyOf(output);
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
