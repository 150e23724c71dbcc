package io.gan4j.experiments;

import io.gan4j.serve.DashboardServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code gan4j serve [DIR...]}: a read-only dashboard of the runs under the output directories (see
 * {@link DashboardServer}), until Ctrl-C. Binds to loopback unless {@code --host} says otherwise, with a warning
 * then: the pages show configs and logs to whoever can reach the port.
 */
@Command(name = "serve", description = "Serve a live, read-only dashboard of the runs under output directories"
        + " (default: runs): their states, loss and evaluation curves, sample grids, configs. Ctrl-C stops it.")
final class ServeCommand extends CliCommand implements WithoutNd4j {
    @Parameters(arity = "0..*", paramLabel = "DIR", description = RunsCommand.DIRS_HELP)
    List<Path> dirs = new ArrayList<>();

    @Mixin
    ServeAddress address;

    @Override
    public Integer call() {
        List<Path> roots = RunsCommand.roots(dirs);
        DashboardServer server = address.start(roots, "gan4j serve", "runs under "
                + String.join(", ", roots.stream().map(Path::toString).toList()) + "; Ctrl-C stops", stdout(), stderr());
        // Ctrl-C runs the hook; an embedding caller (a test) interrupts this thread instead.
        Thread stop = new Thread(server::close, "gan4j-serve-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        boolean interrupted = false;
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            interrupted = true; // restored after closing: Jetty's stop would be cut short by the flag
        }
        server.close();
        try {
            Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return ExitCode.OK;
    }
}
