package io.gan4j.experiments;

/**
 * A command that only groups subcommands ({@code gan4j data}, {@code gan4j classifier}): called without one, it prints
 * its usage, which lists them, to standard error and exits {@link ExitCode#INPUT}.
 */
abstract class CommandGroup extends CliCommand {
    @Override
    public Integer call() {
        spec.commandLine().usage(stderr());
        return ExitCode.INPUT;
    }
}
