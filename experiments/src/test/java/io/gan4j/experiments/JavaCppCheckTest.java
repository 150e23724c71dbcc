package io.gan4j.experiments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line switches off JavaCPP's per-allocation physical-memory check (a /proc read on every native
 * allocation) unless the user sets it: checked in a fresh JVM started without the property, and with it.
 */
class JavaCppCheckTest {

    private static String bench(Path config, String... jvmOptions) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx1g"));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Gan4jCli.class.getName(), "bench",
                config.toString(), "--once", "--steps", "1", "--warmup", "0"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void offByDefaultAndTheUsersSettingWins(@TempDir Path tmp) throws IOException, InterruptedException {
        Path config = Files.writeString(tmp.resolve("tiny.json"), CliTest.tinyConfig(2));
        String off = bench(config);
        assertTrue(off.contains("JavaCPP physical-memory check off"), off);
        String on = bench(config, "-Dorg.bytedeco.javacpp.maxphysicalbytes=3G");
        assertTrue(on.contains("JavaCPP physical-memory check at 3072 MiB"), on);
    }
}
