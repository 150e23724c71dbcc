package io.gan4j.experiments;

import io.gan4j.serve.DashboardServer;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the dashboard listens: the {@code --port} and {@code --host} options of {@code serve}, and of
 * {@code train}/{@code resume} with {@code --serve} ({@link ServeOption}); and starting the server there, or
 * refusing with one line when the address is unusable.
 */
final class ServeAddress {
    static final int DEFAULT_PORT = 7070;
    static final String DEFAULT_HOST = "127.0.0.1";

    // No picocli default: train and resume tell a given --port without --serve from an absent one.
    @Option(names = "--port", paramLabel = "PORT", description = "Port the dashboard listens on (0: any free one);"
            + " default: " + DEFAULT_PORT + ".")
    Integer port;

    @Option(names = "--host", paramLabel = "HOST", description = "Address the dashboard listens on; default: "
            + DEFAULT_HOST + " (this machine only). Another address lets others on the network see the runs.")
    String host;

    /** Whether {@code --port} or {@code --host} was given. */
    boolean given() {
        return port != null || host != null;
    }

    int port() {
        return port == null ? DEFAULT_PORT : port;
    }

    String host() {
        return host == null ? DEFAULT_HOST : host;
    }

    /**
     * Starts the dashboard over {@code roots} and prints its URL as one line on {@code out}: "{@code command}:
     * http://HOST:PORT/  ({@code note})". A port outside 0–65535 or one that cannot be listened on is a
     * {@link UserInputException}; a host beyond this machine is a warning on {@code err}.
     */
    DashboardServer start(List<Path> roots, String command, String note, PrintWriter out, PrintWriter err) {
        int p = port();
        String h = host();
        if (p < 0 || p > 65535) {
            throw new UserInputException("--port " + p + ": not a port (0 to 65535)");
        }
        if (!DashboardServer.isLoopback(h)) {
            err.println(command + ": warning: listening on " + h + ", not only this machine: anyone who can"
                    + " reach it sees these runs' configs, logs and samples (no login)");
            err.flush();
        }
        DashboardServer server;
        try {
            server = DashboardServer.start(roots, h, p);
        } catch (RuntimeException e) {
            if (causedBy(e, BindException.class)) {
                throw new UserInputException(h + ":" + p + ": cannot listen there (" + rootMessage(e)
                        + "); choose another --port or --host");
            }
            throw e;
        }
        String shown = h.contains(":") ? "[" + h + "]" : h;
        out.println(command + ": http://" + shown + ":" + server.port() + "/  (" + note + ")");
        out.flush();
        return server;
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
