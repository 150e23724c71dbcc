package io.gan4j.experiments;

import io.gan4j.serve.DashboardServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.net.BindException;
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

    @Option(names = "--port", defaultValue = "7070", description = "Port to listen on (0: any free one);"
            + " default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on; default:"
            + " ${DEFAULT-VALUE} (this machine only). Another address lets others on the network see the runs.")
    String host;

    @Override
    public Integer call() {
        List<Path> roots = RunsCommand.roots(dirs);
        if (port < 0 || port > 65535) {
            throw new UserInputException("--port " + port + ": not a port (0 to 65535)");
        }
        if (!DashboardServer.isLoopback(host)) {
            stderr().println("gan4j serve: warning: listening on " + host + ", not only this machine: anyone who can"
                    + " reach it sees these runs' configs, logs and samples (no login)");
            stderr().flush();
        }
        DashboardServer server;
        try {
            server = DashboardServer.start(roots, host, port);
        } catch (RuntimeException e) {
            if (causedBy(e, BindException.class)) {
                throw new UserInputException(host + ":" + port + ": cannot listen there (" + rootMessage(e)
                        + "); choose another --port or --host");
            }
            throw e;
        }
        PrintWriter out = stdout();
        String shown = host.contains(":") ? "[" + host + "]" : host;
        out.println("gan4j serve: http://" + shown + ":" + server.port() + "/  (runs under "
                + String.join(", ", roots.stream().map(Path::toString).toList()) + "; Ctrl-C stops)");
        out.flush();
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

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
