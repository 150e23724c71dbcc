package io.gan4j.experiments;

import io.gan4j.core.data.IdxFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line end to end, in process: exit codes, messages and what lands on disk. */
class CliTest {
    @TempDir
    Path tmp;

    /** Output of one CLI invocation. */
    record Result(int code, String out, String err) {
    }

    static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Gan4jCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A tiny vanilla MNIST experiment that trains in a few seconds. */
    static String tinyConfig(int iterations) {
        return mnistConfig("tiny", "vanilla", 3, iterations, 4, 4, "");
    }

    /**
     * The tiny MLP experiment on MNIST's first 256 images that the command-line tests train (latent 8, one hidden
     * layer of 32 units in each network, batch 16, a 3×3 sample grid).
     *
     * @param type  vanilla or cgan (both take these networks)
     * @param extra further top-level members (e.g. an {@code "eval"} block), or empty
     */
    static String mnistConfig(String name, String type, long seed, int iterations, int sampleEvery,
                              int checkpointEvery, String extra) {
        return """
                {
                  "name": "%s",
                  "seed": %d,
                  "model": {"type": "%s", "latentDim": 8,
                            "generator": {"hidden": [32]}, "discriminator": {"hidden": [32]}},
                  "data": {"source": "mnist", "limit": 256},
                  "train": {"iterations": %d, "batchSize": 16, "logEvery": 1, "sampleEvery": %d,
                            "checkpointEvery": %d, "sampleGrid": 3}%s
                }
                """.formatted(name, seed, type, iterations, sampleEvery, checkpointEvery,
                extra.isEmpty() ? "" : ",\n  " + extra);
    }

    Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    static Path onlyRun(Path outputDir) throws IOException {
        try (Stream<Path> s = Files.list(outputDir.resolve("tiny"))) {
            List<Path> runs = s.toList();
            assertEquals(1, runs.size(), "one run directory: " + runs);
            return runs.get(0);
        }
    }

    @Test
    void listShowsTheVariants() {
        Result r = cli("list");
        assertEquals(0, r.code());
        // One line per variant on the class path, each naming its paper's authors.
        for (String[] v : List.of(new String[] {"vanilla", "Goodfellow"}, new String[] {"dcgan", "Radford"},
                new String[] {"cgan", "Mirza"})) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(v[0])), r.out());
            assertTrue(r.out().contains(v[1]), r.out());
        }
    }

    @Test
    void everyCommandAnswersHelpEvenWithoutItsRequiredArguments() {
        for (String[] args : List.of(new String[] {"train", "--help"}, new String[] {"evaluate", "--help"},
                new String[] {"compare", "-h"}, new String[] {"classifier", "train", "--help"})) {
            Result r = cli(args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.out().contains("Usage: gan4j " + args[0]), r.out());
        }
    }

    @Test
    void anOutputDirThatCannotBeCreatedIsAConfigErrorNamingTheField() throws IOException {
        Path cfg = write("tiny.json", tinyConfig(2));
        Path aFile = write("not-a-folder", "");
        Result r = cli("train", cfg.toString(), "--set", "train.outputDir=" + aFile.resolve("runs"));
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("gan4j train: " + cfg + ": $.train.outputDir must be a folder gan4j can create"
                + " and write, found '" + aFile.resolve("runs") + "'"), r.err());
    }

    @Test
    void shippedConfigsAreValid() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("configs"))) {
            List<String> configs = s.filter(p -> p.toString().endsWith(".json")).map(Path::toString).sorted().toList();
            assertFalse(configs.isEmpty());
            String[] args = Stream.concat(Stream.of("validate", "--no-data"), configs.stream()).toArray(String[]::new);
            Result r = cli(args);
            assertEquals(0, r.code(), r.err());
            assertEquals(configs.size(), r.out().lines().filter(l -> l.startsWith("ok: ")).count());
        }
    }

    @Test
    void validateReportsEveryProblemWithItsPathAndExits2() throws IOException {
        Path bad = write("bad.json", """
                {
                  "model": {"type": "vanilla", "generator": {"hiden": [256]}},
                  "train": {"batchSize": 0}
                }
                """);
        Result r = cli("validate", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(bad + ": $.model.generator.hiden is not a known key (did you mean 'hidden'?)"), r.err());
        assertTrue(r.err().contains(bad + ": $.train.batchSize must be >= 1, found 0"), r.err());
        assertFalse(r.err().contains("Exception"), "no stack trace: " + r.err());
    }

    @Test
    void removedGcEveryKeyGetsOneLineSayingWhyAndExits2() throws IOException {
        // A config written for an earlier gan4j (the shipped CycleGAN configs had "gcEvery": 5).
        Path old = write("old.json", """
                {"model": {"type": "vanilla"}, "train": {"batchSize": 8, "gcEvery": 5}}
                """);
        for (String command : List.of("validate", "train")) {
            Result r = cli(command, old.toString());
            assertEquals(2, r.code(), command + ": " + r.err());
            List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(List.of("gan4j " + command + ": " + old + ": $.train.gcEvery was removed: native memory is now released every step, so"
                    + " no periodic garbage collection is needed; delete the key"), lines, command);
        }
        // The same through --set, as an old command line would give it.
        Result r = cli("validate", "--no-data", "configs/vanilla-mnist.json", "--set", "train.gcEvery=0");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("$.train.gcEvery was removed: native memory is now released every step"), r.err());
        assertFalse(r.err().contains("Exception"), "no stack trace: " + r.err());
    }

    @Test
    void unknownVariantListsTheValidNames() throws IOException {
        Result r = cli("validate", write("v.json", "{\"model\": {\"type\": \"vanila\"}}").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("$.model.type must name a known variant, found 'vanila'"), r.err());
        assertTrue(r.err().contains("did you mean 'vanilla'?"), r.err());
    }

    @Test
    void missingConfigFileIsOneLineAndExits2() {
        Result r = cli("train", tmp.resolve("nope.json").toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(tmp.resolve("nope.json") + ": $ must be a readable UTF-8 file, found no such file"),
                r.err());
    }

    @Test
    void dataThatDoesNotFitIsReportedBeforeTraining() throws IOException {
        Path cfg = write("big-batch.json", tinyConfig(4));
        Result r = cli("train", cfg.toString(), "--set", "train.batchSize=1000", "--set", "train.outputDir=" + tmp.resolve("runs"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("$.train.batchSize must be at most the number of training examples (256 in mnist/train)"), r.err());
        assertFalse(Files.exists(tmp.resolve("runs")), "no run directory for a config that cannot run");
    }

    @Test
    void trainWritesACompleteRunDirectoryAndSampleReadsIt() throws IOException {
        Path cfg = write("tiny.json", tinyConfig(8));
        Path runs = tmp.resolve("runs");
        Result r = cli("train", cfg.toString(), "--set", "train.outputDir=" + runs);
        assertEquals(0, r.code(), r.err());
        Path run = onlyRun(runs);
        for (String f : List.of("config.json", "config.resolved.json", "manifest.json", "metrics.csv", "train.log",
                "samples/step-00000004.png", "samples/step-00000008.png", "samples/latest.png",
                "checkpoints/latest", "checkpoints/step-00000008/checkpoint.json",
                "checkpoints/step-00000008/generator.zip", "checkpoints/step-00000008/discriminator.zip")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        assertEquals(Files.readString(cfg), Files.readString(run.resolve("config.json")), "the config as given");
        String manifest = Files.readString(run.resolve("manifest.json"));
        for (String key : List.of("\"variant\" : \"vanilla\"", "\"configSha256\"", "\"dl4jVersion\" : \"1.0.0-M2.1\"",
                "\"gitCommit\"", "\"status\" : \"completed\"", "\"noise\"", "\"generator\"", "\"os\"", "\"java\"")) {
            assertTrue(manifest.contains(key), key + " in " + manifest);
        }
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals("step,elapsed_s,ms_per_step,d_loss,g_loss,d_real,d_fake", metrics.get(0));
        assertEquals(9, metrics.size());
        assertTrue(Files.readString(run.resolve("train.log")).contains("completed at step 8"));

        Path png = tmp.resolve("s.png");
        Result s = cli("sample", run.toString(), "--n", "10", "--out", png.toString());
        assertEquals(0, s.code(), s.err());
        // 10 samples in a near-square grid of 4 x 3 (two blank tiles), 28-px digits drawn at 3x (84 px) so that the
        // longer side reaches 256 px, with 2-px gaps.
        java.awt.image.BufferedImage grid = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(4 * 84 + 3 * 2, grid.getWidth());
        assertEquals(3 * 84 + 2 * 2, grid.getHeight());
        Path idx = tmp.resolve("s.idx.gz");
        assertEquals(0, cli("sample", run.resolve("checkpoints/step-00000008").toString(), "--n", "7", "--out", idx.toString()).code());
        IdxFile.Images images = IdxFile.readImages(idx);
        assertEquals(7, images.count());
    }

    @Test
    void benchPrintsMillisecondsPerStep() throws IOException {
        Result r = cli("bench", write("tiny.json", tinyConfig(4)).toString(), "--once", "--steps", "3", "--warmup",
                "1");
        assertEquals(0, r.code(), r.err());
        // Every figure is a measurement (positive, finite, consistent), the FLOPs those derived by hand.
        BenchCommandTest.assertBenchFigures(r.out(), 16, BenchCommandTest.tinyFlops(16));
    }

    @Test
    void benchFeedsAModelThatTakesSeveralBatchesPerStep() throws IOException {
        Path cfg = write("wgan.json", """
                {"model": {"type": "wgan", "latentDim": 8, "nCritic": 3,
                           "generator": {"hidden": [16]}, "critic": {"hidden": [16]}},
                 "data": {"source": "mnist", "limit": 128}, "train": {"batchSize": 8}}
                """);
        Result r = cli("bench", cfg.toString(), "--once", "--steps", "2", "--warmup", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("batch 8,"), r.out());
        BenchCommandTest.assertBenchFigures(r.out(), 8, null);
    }

    @Test
    void divergenceExits3NamingStepAndLossAndKeepsTheCheckpoint() throws IOException {
        Path cfg = write("tiny.json", tinyConfig(40));
        Path runs = tmp.resolve("runs");
        Result r = cli("train", cfg.toString(), "--set", "train.outputDir=" + runs,
                "--set", "model.generatorOptimizer={\"type\": \"sgd\", \"lr\": 1e30}",
                "--set", "model.discriminatorOptimizer={\"type\": \"sgd\", \"lr\": 1e30}");
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.err().matches("(?s)gan4j train: diverged at step \\d+: \\w+ is (NaN|-?Infinity); .*"), r.err());
        Path run = onlyRun(runs);
        assertTrue(Files.readString(run.resolve("manifest.json")).contains("\"status\" : \"diverged\""));
    }

    @Test
    void divergenceAfterACheckpointLeavesItLoadable() throws IOException {
        Path cfg = write("tiny.json", tinyConfig(8));
        Path runs = tmp.resolve("runs");
        assertEquals(0, cli("train", cfg.toString(), "--set", "train.outputDir=" + runs).code());
        Path run = onlyRun(runs);
        // Injected divergence: after step 10 of a resumed, extended run, the generator's parameters become NaN.
        io.gan4j.core.run.ExperimentRunner runner = new io.gan4j.core.run.ExperimentRunner(Gan4jCli.registry());
        io.gan4j.core.run.ExperimentRunner.Hooks poison = new io.gan4j.core.run.ExperimentRunner.Hooks() {
            @Override
            public List<io.gan4j.core.train.TrainingListener> listeners() {
                return List.of(new io.gan4j.core.train.TrainingListener() {
                    @Override
                    public void onStep(io.gan4j.core.train.TrainingRun r, long step, io.gan4j.core.api.StepResult s) {
                        if (step == 10) {
                            r.model().networks().get("generator").params().assign(Double.NaN);
                        }
                    }
                });
            }
        };
        io.gan4j.core.train.DivergenceException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.gan4j.core.train.DivergenceException.class,
                () -> runner.resume(run, List.of("train.iterations=40"), false, poison));
        assertTrue(e.step() == 11 && e.getMessage().contains("step-00000008"), e.getMessage());
        assertTrue(Files.readString(run.resolve("manifest.json")).contains("\"status\" : \"diverged\""));
        assertEquals("step-00000008", new io.gan4j.core.checkpoint.CheckpointStore(run.resolve("checkpoints")).latest()
                .orElseThrow().dir().getFileName().toString(), "no checkpoint of the diverged state was written");
        // The last good checkpoint loads: sample from it, and resume it (on to step 12, where it stops again).
        Result s = cli("sample", run.toString(), "--n", "4", "--out", tmp.resolve("s.png").toString());
        assertEquals(0, s.code(), s.err());
        Result again = cli("resume", run.toString(), "--set", "train.iterations=12");
        assertEquals(0, again.code(), again.err());
    }

    @Test
    void optimizerChangesOnResumeAreRefusedNotIgnored() throws IOException {
        Path cfg = write("tiny.json", tinyConfig(4));
        Path runs = tmp.resolve("runs");
        assertEquals(0, cli("train", cfg.toString(), "--set", "train.outputDir=" + runs).code());
        Result r = cli("resume", onlyRun(runs).toString(), "--set", "train.iterations=8",
                "--set", "model.generatorOptimizer.lr=1e-5");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("$.model.generatorOptimizer.lr") && r.err().contains("cannot be changed on resume"),
                r.err());
    }

    @Test
    void describeListsFieldsWithDefaults() {
        Result r = cli("describe", "vanilla");
        assertEquals(0, r.code(), r.err());
        // The line of the field itself gives its type, default and range (VanillaConfig: latentDim = 100, >= 1).
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("model.latentDim: int, default 100, >= 1")), r.out());
    }

    @Test
    void resumeOfAFinishedRunSaysSoAndTrainsNothing() throws IOException {
        Path runs = tmp.resolve("runs");
        assertEquals(0, cli("train", write("tiny.json", tinyConfig(4)).toString(), "--set", "train.outputDir=" + runs).code());
        Path run = onlyRun(runs);
        Result r = cli("resume", run.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(5, Files.readAllLines(run.resolve("metrics.csv")).size());
    }
}
