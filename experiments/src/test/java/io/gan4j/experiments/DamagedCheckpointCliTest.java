package io.gan4j.experiments;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged checkpoints through {@code gan4j resume}: each damage to the latest checkpoint is refused with exit code 2
 * and one line naming the damaged file and the cause, and {@code resume --fallback} (only when asked) continues from
 * the newest valid checkpoint to the same result as the undamaged run, keeping the damaged checkpoint aside. A
 * checkpoint of another variant and a config that no longer fits the stored networks are refused the same way.
 */
class DamagedCheckpointCliTest {
    @TempDir
    static Path tmp;

    /** A finished 8-step vanilla run with checkpoints at steps 4 and 8. */
    static Path original;
    static List<String> originalLosses;

    @BeforeAll
    static void train() throws IOException {
        Path cfg = tmp.resolve("tiny.json");
        Files.writeString(cfg, CliTest.tinyConfig(8));
        CliTest.Result r = CliTest.cli("train", cfg.toString(), "--set", "train.outputDir=" + tmp.resolve("runs"));
        assertEquals(0, r.code(), r.err());
        original = CliTest.onlyRun(tmp.resolve("runs"));
        originalLosses = KillTrials.losses(original);
    }

    record Damage(String what, String file, Consumer<Path> apply) {
    }

    private static Consumer<Path> io(IoAction a) {
        return p -> {
            try {
                a.run(p);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    interface IoAction {
        void run(Path latestCheckpoint) throws IOException;
    }

    @Test
    void damagedLatestCheckpointIsNamedAndFallbackResumesFromTheNewestValidOne() throws IOException {
        List<Damage> damages = List.of(
                new Damage("truncated network file", "generator.zip", io(c -> {
                    byte[] b = Files.readAllBytes(c.resolve("generator.zip"));
                    Files.write(c.resolve("generator.zip"), Arrays.copyOf(b, b.length / 2));
                })),
                new Damage("flipped byte", "discriminator.zip", io(c -> {
                    byte[] b = Files.readAllBytes(c.resolve("discriminator.zip"));
                    b[b.length / 3] ^= 0x01;
                    Files.write(c.resolve("discriminator.zip"), b);
                })),
                new Damage("missing network file", "generator.zip", io(c -> Files.delete(c.resolve("generator.zip")))),
                new Damage("missing metadata", "checkpoint.json", io(c -> Files.delete(c.resolve("checkpoint.json")))),
                new Damage("garbled metadata", "checkpoint.json", io(c -> Files.writeString(c.resolve("checkpoint.json"),
                        "{\"format\": 1, \"step\": ]"))),
                new Damage("edited stored config", "config.resolved.json", io(c -> Files.writeString(
                        c.resolve("config.resolved.json"), "{}"))),
                new Damage("swapped network files", "generator.zip", io(c -> {
                    Path g = c.resolve("generator.zip");
                    Path d = c.resolve("discriminator.zip");
                    Path t = c.resolve("swap");
                    Files.move(g, t);
                    Files.move(d, g);
                    Files.move(t, d);
                })),
                new Damage("latest names a deleted checkpoint", "step-00000008", io(DamagedCheckpointCliTest::deleteTree)),
                new Damage("latest pointer garbled", "latest", io(c -> Files.writeString(c.resolveSibling("latest"),
                        "not a checkpoint"))));
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (Damage d : damages) {
            Path run = copy(original, tmp.resolve("case-" + (n++)));
            d.apply().accept(run.resolve("checkpoints").resolve("step-00000008"));
            CliTest.Result refused = CliTest.cli("resume", run.toString());
            String err = refused.err().strip();
            if (refused.code() != 2 || err.lines().count() != 1 || !err.contains(d.file()) || err.contains("Exception")) {
                failures.add(d.what() + ": without --fallback exit " + refused.code() + ", stderr: " + err);
                continue;
            }
            CliTest.Result resumed = CliTest.cli("resume", run.toString(), "--fallback");
            if (resumed.code() != 0) {
                failures.add(d.what() + ": --fallback exit " + resumed.code() + ", stderr: " + resumed.err().strip());
                continue;
            }
            if (!KillTrials.losses(run).equals(originalLosses)) {
                failures.add(d.what() + ": the run resumed from step 4 differs from the undamaged run");
            }
            if (!sameState(KillTrials.finalState(run), KillTrials.finalState(original))) {
                failures.add(d.what() + ": final parameters differ from the undamaged run");
            }
            CliTest.Result again = CliTest.cli("resume", run.toString());
            if (again.code() != 0) {
                failures.add(d.what() + ": the repaired run's latest checkpoint does not load: " + again.err().strip());
            }
        }
        System.out.println("damaged checkpoints reported cleanly and recovered with --fallback: "
                + (damages.size() - failures.size()) + "/" + damages.size());
        assertEquals(List.of(), failures);
    }

    @Test
    void aCheckpointOfAnotherVariantIsRefusedNamingBoth() throws IOException {
        Path cfg = tmp.resolve("wgan.json");
        Files.writeString(cfg, CliTest.tinyConfig(4).replace("\"type\": \"vanilla\"", "\"type\": \"wgan\"")
                .replace("\"discriminator\"", "\"critic\""));
        CliTest.Result w = CliTest.cli("train", cfg.toString(), "--set", "train.outputDir=" + tmp.resolve("wgan-runs"));
        assertEquals(0, w.code(), w.err());
        Path foreign = CliTest.onlyRun(tmp.resolve("wgan-runs")).resolve("checkpoints").resolve("step-00000004");
        Path run = copy(original, tmp.resolve("foreign"));
        Path target = run.resolve("checkpoints").resolve("step-00000008");
        deleteTree(target);
        copy(foreign, target);
        CliTest.Result r = CliTest.cli("resume", run.toString());
        String err = r.err().strip();
        assertEquals(2, r.code(), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("step-00000008") && err.contains("wgan") && err.contains("vanilla"), err);
    }

    @Test
    void aConfigThatNoLongerFitsTheStoredNetworksIsRefusedNamingTheFile() throws IOException {
        Path run = copy(original, tmp.resolve("changed-config"));
        Path resolved = run.resolve("config.resolved.json");
        String before = Files.readString(resolved);
        String after = before.replaceFirst("\"hidden\": \\[ 32 \\]", "\"hidden\": [ 48 ]");
        assertTrue(!after.equals(before), "the generator's width should have changed in " + before);
        Files.writeString(resolved, after);
        // More iterations: a finished run's resume has nothing to train and does not restore the networks.
        CliTest.Result r = CliTest.cli("resume", run.toString(), "--set", "train.iterations=10");
        String err = r.err().strip();
        assertEquals(2, r.code(), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains(".zip") && err.contains("shape"), err);
    }

    private static boolean sameState(java.util.Map<String, byte[]> a, java.util.Map<String, byte[]> b) {
        return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> Arrays.equals(a.get(k), b.get(k)));
    }

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted().toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
