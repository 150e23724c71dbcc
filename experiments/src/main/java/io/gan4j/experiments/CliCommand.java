package io.gan4j.experiments;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * A gan4j command: picocli injects its model, through which it reaches the command line's streams (the console, or
 * what a test passed to {@link Gan4jCli#run}). {@link #call} returns the exit code ({@link ExitCode}).
 */
abstract class CliCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Where the command's output goes. */
    final PrintWriter stdout() {
        return spec.commandLine().getOut();
    }

    /** Where the command's problems go. */
    final PrintWriter stderr() {
        return spec.commandLine().getErr();
    }
}
