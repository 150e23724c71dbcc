package io.gan4j.experiments;

import io.gan4j.core.api.VariantRegistry;
import io.gan4j.core.backend.CudaProbe;
import io.gan4j.core.backend.GpuCheck;
import io.gan4j.core.backend.Nd4jCudaProbe;
import io.gan4j.core.backend.UnsupportedGpuException;
import io.gan4j.core.backend.Provenance;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code gan4j}: the command-line entry point. Exit codes: 0 success, 2 wrong input (config, arguments, data,
 * checkpoint), 3 training diverged, 130 stopped by Ctrl-C (resumable), 1 anything else. Errors are one line per
 * problem; {@code --verbose} adds the stack trace.
 */
@Command(name = "gan4j", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = Gan4jCli.Version.class,
        description = "Train, sample, benchmark and compare GANs on Deeplearning4j.",
        subcommands = {TrainCommand.class, ResumeCommand.class, SampleCommand.class, BenchCommand.class,
                EvaluateCommand.class, CompareCommand.class, ClassifierCommand.class, ValidateCommand.class, ListCommand.class, RunsCommand.class, ServeCommand.class,
                DataCommand.class,
                DescribeCommand.class, NewVariantCommand.class, CommandLine.HelpCommand.class})
public final class Gan4jCli implements Callable<Integer> {

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log more, and print stack traces with errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        skipJavaCppPhysicalMemoryCheck();
        System.exit(run(System.out, System.err, args));
    }

    /**
     * JavaCPP reads the process's resident size from /proc on every native allocation when it has a physical-memory
     * limit (by default twice -Xmx): 3.3 µs of a 5.8 µs create-and-close of a small array (2.5 µs without; measured
     * in-process with tcmalloc), and a GAN step makes hundreds to thousands of arrays. gan4j releases its arrays
     * itself (docs/memory.md), so the check is switched off unless the user sets the property. It must happen before
     * ND4J loads JavaCPP's Pointer class.
     */
    static void skipJavaCppPhysicalMemoryCheck() {
        if (System.getProperty("org.bytedeco.javacpp.maxphysicalbytes") == null
                && System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxphysicalbytes", "0");
        }
    }

    /** Runs the command line and returns its exit code (for tests and embedding). */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return run(out, err, new Nd4jCudaProbe(), args);
    }

    /** As {@link #run(PrintStream, PrintStream, String...)}, asking {@code gpu} about the CUDA backend and devices. */
    static int run(PrintStream out, PrintStream err, CudaProbe gpu, String... args) {
        CommandLine cli = new CommandLine(new Gan4jCli());
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setExecutionExceptionHandler(Gan4jCli::handle);
        cli.setParameterExceptionHandler(Gan4jCli::handleArguments);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionStrategy(parsed -> {
            // Before the command touches ND4J: on a GPU the CUDA library has no code for, the first kernel launch
            // would fail deep inside a step; refuse with one line instead. A no-op on the CPU backend.
            if (usesNd4j(parsed)) {
                try {
                    GpuCheck.requireSupported(gpu);
                } catch (UnsupportedGpuException e) {
                    return handle(e, leaf(parsed).commandSpec().commandLine(), parsed);
                }
            }
            if (!isVerbose(parsed)) {
                return new CommandLine.RunLast().execute(parsed);
            }
            // gan4j's DEBUG and the libraries' INFO messages, for this command only (tests run many in one JVM).
            try (RunLog.Restore louder = RunLog.verbose()) {
                return new CommandLine.RunLast().execute(parsed);
            }
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // The memory check before training refuses models that cannot fit at all; this is what slips past it
            // (an estimate that is a lower bound, or other data held at the same time). One line, no trace.
            err.println("gan4j: out of memory (" + e.getMessage() + "): make the model, batch or data smaller, or"
                    + " give the JVM more memory: GAN4J_JAVA_OPTS=-Xmx...");
            err.flush();
            return ExitCode.INPUT;
        }
    }

    /** Whether the command about to run may use ND4J: all do, except help, --version and {@link WithoutNd4j}. */
    private static boolean usesNd4j(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                return false;
            }
        }
        Object command = leaf(parsed).commandSpec().userObject();
        return !(command instanceof WithoutNd4j || command instanceof CommandLine.HelpCommand
                || command instanceof Gan4jCli);
    }

    private static ParseResult leaf(ParseResult parsed) {
        ParseResult p = parsed;
        while (p.subcommand() != null) {
            p = p.subcommand();
        }
        return p;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.INPUT;
    }

    /** The variants on the class path (shared by the commands of one invocation). */
    static VariantRegistry registry() {
        return Registry.INSTANCE;
    }

    private static final class Registry {
        static final VariantRegistry INSTANCE = VariantRegistry.discover();
    }

    private static int handle(Exception e, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        // Qualified: "gan4j classifier train", not "gan4j train", which is another command.
        String name = cmd.getCommandSpec().qualifiedName(" ").replaceFirst("^gan4j ", "");
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof java.io.UncheckedIOException u && u.getMessage() == null && u.getCause() != null) {
            message = u.getCause().getMessage();
        }
        if (ExitCode.of(e) == ExitCode.FAILURE && e.getMessage() != null) {
            message = e.getClass().getSimpleName() + ": " + message;
        }
        for (String line : message.split("\n")) {
            err.println("gan4j " + name + ": " + line);
        }
        if (isVerbose(parsed)) {
            e.printStackTrace(err);
        } else if (ExitCode.of(e) == ExitCode.FAILURE) {
            err.println("(run with --verbose for the stack trace)");
        }
        err.flush();
        return ExitCode.of(e);
    }

    /**
     * Wrong arguments (an unknown option, a value that is not a number...): one line per problem and where the help
     * is, instead of picocli's default of the whole usage text, which buried the one line that mattered.
     */
    private static int handleArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName(" ");
        PrintWriter err = cmd.getErr();
        for (String line : String.valueOf(e.getMessage()).split("\n")) {
            err.println(name + ": " + line + " (see " + name + " --help)");
        }
        err.flush();
        return ExitCode.INPUT;
    }

    private static boolean isVerbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** {@code --version}: gan4j and the libraries it runs on. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gan4j " + Provenance.buildVersion(), "Java " + System.getProperty("java.version")};
        }
    }
}
