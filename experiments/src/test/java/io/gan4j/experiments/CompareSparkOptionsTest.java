package io.gan4j.experiments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@code compare}'s Spark options refuse their misuses with one line and exit 2 before anything trains; the engine
 * itself is tested in gan-spark. Without gan-spark on the class path (as here, and in gan4j.jar) {@code --spark}
 * says how to get it.
 */
class CompareSparkOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void misusesAreOneLineAndExit2() throws Exception {
        Path sweep = Files.writeString(tmp.resolve("s.json"), "{\"name\": \"s\", \"base\": \"none.json\","
                + " \"grid\": {\"seed\": [1, 2]}}");
        String file = sweep.toString();
        refused("--master, --parallel and --store go with --spark", "compare", file, "--master", "local[2]");
        refused("--master, --parallel and --store go with --spark", "compare", file, "--parallel", "2");
        refused("--parallel must be at least 1, found 0", "compare", file, "--spark", "--parallel", "0");
        refused("--store must be a URI with a scheme (hdfs://HOST:8020/PATH, s3a://BUCKET/PATH, file:///PATH), found"
                + " 'runs/store'", "compare", file, "--spark", "--store", "runs/store");
        refused("--spark trains a sweep: give one sweep file, found [" + tmp + "]", "compare", tmp.toString(), "--spark");
        refused("--spark needs the gan-spark module on the class path: build it (mvn -B -DskipTests package) and run"
                + " ./gan4j, which adds it when the arguments contain --spark", "compare", file, "--spark");
        assertFalse(Files.exists(tmp.resolve("runs")), "nothing trained");
    }

    private static void refused(String message, String... args) {
        CliTest.Result r = CliTest.cli(args);
        assertEquals(2, r.code(), r.err());
        assertEquals("gan4j compare: " + message, r.err().strip(), "one line naming the option");
        assertEquals("", r.out());
    }
}
