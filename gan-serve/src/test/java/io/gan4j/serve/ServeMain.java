package io.gan4j.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A server in a JVM of its own, as {@code gan4j serve} runs one, for {@link ServePageBenchTest}'s loads on a freshly
 * started server: serves the runs under the given directories on a free loopback port, prints {@code port N}, and
 * stops when its standard input closes.
 */
final class ServeMain {
    private ServeMain() {
    }

    public static void main(String[] args) throws IOException {
        try (DashboardServer server = DashboardServer.start(Arrays.stream(args).map(Path::of).toList(),
                "127.0.0.1", 0)) {
            System.out.println("port " + server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the parent closes our stdin
            }
        }
    }
}
