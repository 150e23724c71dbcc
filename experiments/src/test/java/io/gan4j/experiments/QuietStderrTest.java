package io.gan4j.experiments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A new user's first command, {@code gan4j train configs/vanilla-mnist.json}, in a fresh JVM with its output piped
 * (not a terminal): nothing on stderr, which is the process's own, so SLF4J's, logback's and the native libraries'
 * messages all count; plain progress lines without carriage returns or escape sequences on stdout and in
 * {@code train.log}.
 */
class QuietStderrTest {

    @Test
    void aFreshTrainRunPrintsNothingOnStderrAndPlainProgress(@TempDir Path tmp)
            throws IOException, InterruptedException {
        // The JVM options that matter here as the ./gan4j launcher gives them.
        List<String> cmd = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx1g",
                "-Djava.awt.headless=true", "-Dorg.eclipse.deeplearning4j.helpers.disable=false",
                "-cp", System.getProperty("java.class.path"), Gan4jCli.class.getName(), "train",
                "configs/vanilla-mnist.json", "--set", "train.iterations=20", "--set", "train.logEvery=10",
                "--set", "train.outputDir=" + tmp);
        ProcessBuilder builder = new ProcessBuilder(cmd);
        builder.environment().remove("NO_COLOR");
        Process p = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        assertEquals("", err.join(), "stderr; stdout was:\n" + out);
        assertEquals(0, p.exitValue(), out);

        assertTrue(out.contains("step 10/20 (50%)  mean of 10 steps: d_loss "), out);
        assertTrue(out.contains("step 20/20 (100%)  mean of 10 steps: d_loss "), out);
        assertFalse(out.contains("\r") || out.contains("\u001b"), "no carriage returns or escapes: " + out);
        Path log;
        try (Stream<Path> files = Files.walk(tmp)) {
            log = files.filter(f -> f.getFileName().toString().equals("train.log")).findFirst().orElseThrow();
        }
        String logged = Files.readString(log);
        assertTrue(logged.contains("step 20/20 (100%)  mean of 10 steps: d_loss "), logged);
        assertFalse(logged.contains("\r") || logged.contains("\u001b"), logged);
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
