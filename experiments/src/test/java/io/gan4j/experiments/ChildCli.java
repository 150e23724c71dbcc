package io.gan4j.experiments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code gan4j ARGS} in a child JVM on the test class path, its stdout and stderr in one log file: for tests that
 * send the process real signals, kill it, or run two at once.
 */
final class ChildCli {
    private final Process process;
    private final Path log;

    private ChildCli(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * {@code env --default-signal=INT} (GNU coreutils 8.31+) when this machine has it. A process started in the
     * background by a non-interactive shell (how CI harnesses often start builds) has SIGINT ignored, every process
     * below it inherits that, and a JVM that starts with SIGINT ignored installs no Ctrl-C handling: a test sending
     * SIGINT to a child would see nothing happen. Resetting the signal before the child's JVM starts makes the
     * child behave as one started from a terminal, whatever started the tests.
     */
    private static final List<String> DEFAULT_SIGINT = defaultSigint();

    private static List<String> defaultSigint() {
        try {
            Process p = new ProcessBuilder("env", "--default-signal=INT", "true").redirectErrorStream(true).start();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return List.of("env", "--default-signal=INT");
            }
        } catch (IOException e) {
            // No env command that resets signals: children inherit this JVM's disposition.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.of();
    }

    /** Whether a child started here receives SIGINT: reset by env, or not ignored in this process to begin with. */
    static boolean sigintReachesChildren() throws IOException {
        if (!DEFAULT_SIGINT.isEmpty()) {
            return true;
        }
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring(7).trim(), 16) & 0x2) == 0;
            }
        }
        return true;
    }

    static ChildCli start(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(DEFAULT_SIGINT);
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xmx1g");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Gan4jCli.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        ChildEnv.apply(pb.environment());
        return new ChildCli(pb.start(), log);
    }

    long pid() {
        return process.pid();
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** Waits until the output contains {@code text}; false when the process ended or the time ran out first. */
    boolean awaitOutput(String text, Duration limit) throws IOException, InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (output().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return output().contains(text);
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** Sends a signal by name (INT, TERM, KILL) with the system's kill command, as a shell or a supervisor would. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** The exit code, after waiting at most {@code limit}; the process is killed when it takes longer. */
    int await(Duration limit) throws InterruptedException, IOException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException("child did not end within " + limit + ":\n" + output());
        }
        return process.exitValue();
    }
}
