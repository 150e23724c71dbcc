package io.gan4j.spark;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Spark standalone cluster on this machine: a Master and Workers as child JVMs of the test, on 127.0.0.1, with
 * gan-spark's runtime class path (written by the build to {@code target/spark-classpath.txt}). Closing it kills every
 * child and their executors.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final Path CLASSES = Path.of("target/classes").toAbsolutePath();
    private static final Path CLASS_PATH_FILE = Path.of("target/spark-classpath.txt").toAbsolutePath();

    private final Path dir;
    private final String classPath;
    private final int port;
    private final int webPort;
    private final List<Process> processes = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();

    private StandaloneCluster(Path dir) throws IOException {
        this.dir = dir;
        this.classPath = CLASSES + ":" + Files.readString(CLASS_PATH_FILE).strip();
        this.port = freePort();
        this.webPort = freePort();
    }

    /** Starts a Master and {@code workerCount} Workers of one core each, and waits until all workers registered. */
    static StandaloneCluster start(Path dir, int workerCount) throws Exception {
        StandaloneCluster c = new StandaloneCluster(dir);
        try {
            Files.createDirectories(dir.resolve("spark-home/jars"));
            // Without the REST flag the master also takes the fixed port 6066.
            c.processes.add(c.launch("master", List.of("-Xmx256m", "-Dspark.master.rest.enabled=false",
                    "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "" + c.port,
                    "--webui-port", "" + c.webPort)));
            for (int i = 0; i < workerCount; i++) {
                Path work = Files.createDirectories(dir.resolve("worker-" + i));
                Process w = c.launch("worker-" + i, List.of("-Xmx256m", "org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", "1", "--memory", "1g",
                        "--work-dir", work.toString(), c.masterUrl()));
                c.processes.add(w);
                c.workers.add(w);
            }
            c.awaitAliveWorkers(workerCount, Duration.ofSeconds(60));
            return c;
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    /** The driver's settings for this cluster: executors of one core with gan4j's classes, everything on 127.0.0.1. */
    Map<String, String> driverSettings() {
        return Map.of("spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1",
                "spark.ui.enabled", "false", "spark.executor.cores", "1", "spark.executor.memory", "768m",
                "spark.executor.extraClassPath", classPath,
                "spark.executorEnv.OMP_WAIT_POLICY", "PASSIVE");
    }

    /** The worker process whose child is the JVM {@code pid} (an executor), if it is one of this cluster's. */
    Process workerOf(long pid) {
        ProcessHandle parent = ProcessHandle.of(pid).flatMap(ProcessHandle::parent).orElseThrow(
                () -> new IllegalStateException("process " + pid + " has no parent"));
        return workers.stream().filter(w -> w.pid() == parent.pid()).findFirst().orElseThrow(
                () -> new IllegalStateException("process " + pid + " is not an executor of this cluster's workers"));
    }

    /** SIGKILLs a worker and its executors, as when a machine is lost. */
    static void kill(Process worker) {
        List<ProcessHandle> children = worker.descendants().toList();
        worker.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private Process launch(String name, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classPath));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_HOME", dir.resolve("spark-home").toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        return pb.start();
    }

    private void awaitAliveWorkers(int count, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Pattern alive = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/json/")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = alive.matcher(last);
                if (m.find() && Integer.parseInt(m.group(1)) == count) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString(); // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the cluster did not get " + count + " workers in " + timeout + "; master says "
                + last + "; logs in " + dir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            kill(p);
        }
        for (Process p : processes) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
