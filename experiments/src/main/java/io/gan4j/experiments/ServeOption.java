package io.gan4j.experiments;

import io.gan4j.serve.DashboardServer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code --serve [--port P] [--host H]} options of {@code train} and {@code resume}: the dashboard of
 * {@code gan4j serve}, inside the training process, over the output directory the run is written to. It is up
 * before training starts (an unusable address stops the command before anything is written) and stops when the
 * command ends.
 */
final class ServeOption {
    @Option(names = "--serve", description = "Also serve the live dashboard of the output directory's runs (this"
            + " one included) while training, as gan4j serve does; it stops when training ends.")
    boolean enabled;

    @Mixin
    ServeAddress address;

    /**
     * The started server over {@code outputDir}, its URL printed on {@code out}; {@code null} without
     * {@code --serve}. {@code --port} or {@code --host} without {@code --serve} is a {@link UserInputException}.
     */
    DashboardServer startIfAsked(String command, Path outputDir, PrintWriter out, PrintWriter err) {
        if (!enabled) {
            if (address.given()) {
                throw new UserInputException((address.port != null ? "--port" : "--host")
                        + " is for the dashboard: add --serve");
            }
            return null;
        }
        return address.start(List.of(outputDir), "gan4j " + command,
                "dashboard of " + outputDir + " while training; it stops when training ends", out, err);
    }
}
