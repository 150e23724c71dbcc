package io.gan4j.experiments;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * A command that only groups subcommands ({@code gan4j data}, {@code gan4j classifier}): called without one, it prints
 * its usage, which lists them, to standard error and exits {@link ExitCode#INPUT}.
 */
abstract class CommandGroup implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.INPUT;
    }
}
