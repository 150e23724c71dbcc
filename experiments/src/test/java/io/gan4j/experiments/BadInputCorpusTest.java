package io.gan4j.experiments;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22's rule that no input may crash the JVM or print a stack trace, over a generated corpus: configs that
 * validate field by field but whose model cannot fit in memory or whose counts overflow, bad names, command-line
 * arguments out of range or silently ignored, damaged run directories, and files that are not IDX. Every case must
 * exit 2 with one line on stderr naming the JSON path, option or file, with no exception name or stack frame, and
 * leave every existing run directory as it was. The configs are validated in process and trained in one child JVM:
 * should the memory check let a model through, ND4J's allocator would crash that JVM (exit 134, an hs_err file),
 * not this one.
 */
class BadInputCorpusTest {
    @TempDir
    static Path tmp;

    /** The child JVM's address-space limit: room for its 1 GB heap and ND4J, not for a model the check missed. */
    private static final long CHILD_ADDRESS_SPACE_KB = 8L << 20;

    /** Finished 4-step runs on MNIST, the ring-8 mixture and 16x16 RGB images, each with a checkpoint at step 4. */
    static Path mnistRun;
    static Path ringRun;
    static Path rgbRun;

    /**
     * One bad input.
     *
     * @param what  what is wrong, for the failure list
     * @param args  the command line
     * @param names what the one error line must contain: the JSON path, option or file
     */
    record Case(String what, List<String> args, String names) {
        Case(String what, String names, String... args) {
            this(what, List.of(args), names);
        }
    }

    @BeforeAll
    static void train() throws IOException {
        mnistRun = trainTiny("mnist.json", CliTest.tinyConfig(4));
        ringRun = trainTiny("ring.json", """
                {"name": "tiny", "seed": 3, "model": {"type": "vanilla", "latentDim": 4,
                   "generator": {"hidden": [16], "outputActivation": "identity"}, "discriminator": {"hidden": [16]}},
                 "data": {"source": "ring8", "size": 256},
                 "train": {"iterations": 4, "batchSize": 16, "logEvery": 1, "sampleEvery": 4, "checkpointEvery": 4}}
                """);
        Path images = tmp.resolve("rgb-images");
        CliTest.Result shapes = CliTest.cli("data", "shapes", "--layout", "images", "--size", "16", "--count", "8",
                "--out", images.toString());
        assertEquals(0, shapes.code(), shapes.err());
        // Through "a/../": creating the output folder must not leave an empty "a" behind.
        rgbRun = trainTiny("rgb.json", """
                {"name": "tiny", "seed": 3, "model": {"type": "vanilla", "latentDim": 4,
                   "generator": {"hidden": [16]}, "discriminator": {"hidden": [16]}},
                 "data": {"source": "folder", "dir": "%s", "size": 16, "channels": 3},
                 "train": {"iterations": 4, "batchSize": 4, "logEvery": 1, "sampleEvery": 4, "checkpointEvery": 4,
                           "outputDir": "%s"}}
                """.formatted(json(images), json(tmp.resolve("detour").resolve("..").resolve("runs-rgb"))));
        assertFalse(Files.exists(tmp.resolve("detour")), "an outputDir through 'detour/..' left detour behind");
    }

    private static String json(Path p) {
        return p.toString().replace("\\", "\\\\");
    }

    private static Path trainTiny(String file, String config) throws IOException {
        Path cfg = Files.writeString(tmp.resolve(file), config);
        Path runs = tmp.resolve("runs-" + file.replace(".json", ""));
        List<String> args = new ArrayList<>(List.of("train", cfg.toString()));
        if (!config.contains("outputDir")) {
            args.addAll(List.of("--set", "train.outputDir=" + runs));
        }
        CliTest.Result r = CliTest.cli(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return CliTest.onlyRun(runs);
    }

    @Test
    void everyBadInputIsRefusedOnOneLineWithoutTouchingExistingRuns() throws Exception {
        Path[] runs = {tmp.resolve("runs-mnist"), tmp.resolve("runs-ring"), tmp.resolve("runs-rgb")};
        Map<String, String> before = snapshot(runs);
        List<Case> configs = configCases();
        List<String> failures = new ArrayList<>();
        for (Case c : configs) {
            check(c, CliTest.cli(c.args().toArray(String[]::new)), failures);
        }
        int childCases = trainInChildJvm(configs, failures);
        List<Case> rest = argumentCases();
        rest.addAll(dataFileCases());
        for (Case c : rest) {
            check(c, CliTest.cli(c.args().toArray(String[]::new)), failures);
        }
        int damaged = damagedRunCases(failures);
        int total = configs.size() + childCases + rest.size() + damaged;
        System.out.println("bad inputs refused cleanly: " + (total - failures.size()) + "/" + total);
        assertEquals(List.of(), failures, failures.size() + " of " + total + " not refused cleanly");
        assertEquals(before, snapshot(runs),
                "an existing run directory changed");
        // The Reliability table in docs/reliability.md quotes this count: change both together.
        assertEquals(66, total);
    }

    /** Exit 2, one line naming {@code c.names()}, no exception or stack frame anywhere in the output. */
    private static void check(Case c, CliTest.Result r, List<String> failures) {
        String err = r.err().strip();
        String all = r.out() + r.err();
        String why = null;
        if (r.code() != ExitCode.INPUT) {
            why = "exit " + r.code();
        } else if (err.lines().count() != 1) {
            why = err.lines().count() + " lines";
        } else if (all.contains("Exception") || all.contains("Error:") || all.matches("(?s).*\\n\\s+at .*")) {
            why = "exception or stack frame in the output";
        } else if (!err.contains(c.names())) {
            why = "does not name " + c.names();
        }
        if (why != null) {
            failures.add(c.what() + " (" + String.join(" ", c.args()) + "): " + why + "; stderr: " + err);
        }
    }

    // ---- configs: valid field by field, impossible as a whole ----

    private static List<Case> configCases() throws IOException {
        String mlp = "{\"type\": \"vanilla\", \"latentDim\": %s, \"generator\": {\"hidden\": %s},"
                + " \"discriminator\": {\"hidden\": %s}}";
        String mnist = "{\"source\": \"mnist\", \"limit\": 64}";
        String millionLayers = "[" + String.join(",", Collections.nCopies(1_000_000, "1")) + "]";
        List<Case> cases = new ArrayList<>();
        cases.add(config("latent size 1e9", "$.model.latentDim", null, mlp.formatted("1000000000", "[8]", "[8]"), mnist));
        cases.add(config("G hidden layers 1e5 x 1e5", "$.model.generator.hidden[1]", null,
                mlp.formatted("8", "[100000, 100000]", "[8]"), mnist));
        cases.add(config("D hidden layers 2e5 x 2e5", "$.model.discriminator.hidden[1]", null,
                mlp.formatted("8", "[8]", "[200000, 200000]"), mnist));
        cases.add(config("a million hidden layers", "$.model.generator.hidden", null,
                mlp.formatted("8", millionLayers, "[8]"), mnist));
        cases.add(config("DCGAN latent size 1e9", "$.model.latentDim", null,
                "{\"type\": \"dcgan\", \"latentDim\": 1000000000}", mnist));
        cases.add(config("DCGAN generator width 1e5", "$.model.generator.width", null,
                "{\"type\": \"dcgan\", \"generator\": {\"width\": 100000}}", mnist));
        cases.add(config("WGAN conv critic width 1e6", "$.model.convCritic.width", null,
                "{\"type\": \"wgan\", \"backbone\": \"conv\", \"convCritic\": {\"width\": 1000000}}", mnist));
        cases.add(config("cGAN latent size 1e9", "$.model.latentDim", null,
                "{\"type\": \"cgan\", \"latentDim\": 1000000000}", mnist));
        cases.add(config("pix2pix U-Net width 1e5", "$.model.generator.width", null,
                "{\"type\": \"pix2pix\", \"generator\": {\"width\": 100000}}",
                "{\"source\": \"paired\", \"images\": \"mnist\", \"task\": \"denoise\", \"limit\": 64}"));
        cases.add(config("CycleGAN ResNet width 1e5", "$.model.resnet.width", null,
                "{\"type\": \"cyclegan\", \"resnet\": {\"width\": 100000}}",
                "{\"source\": \"unpaired\", \"images\": \"mnist\", \"transform\": \"bold\", \"limit\": 64}"));
        cases.add(config("ring-8 size 2e9", "$.data.size", null, mlp.formatted("8", "[8]", "[8]"),
                "{\"source\": \"ring8\", \"size\": 2000000000}"));
        cases.add(config("name with a line break", "$.name", "\"two\\nlines\"", mlp.formatted("8", "[8]", "[8]"), mnist));
        cases.add(config("name with a path separator", "$.name", "\"../escape\"", mlp.formatted("8", "[8]", "[8]"),
                mnist));
        cases.add(config("300-character name", "$.name", "\"" + "n".repeat(300) + "\"",
                mlp.formatted("8", "[8]", "[8]"), mnist));
        return cases;
    }

    private static Case config(String what, String path, String name, String model, String data) throws IOException {
        Path file = tmp.resolve("config-" + what.replaceAll("[^a-zA-Z0-9]+", "-") + ".json");
        Files.writeString(file, """
                {"name": %s, "model": %s, "data": %s,
                 "train": {"iterations": 2, "batchSize": 4, "logEvery": 1, "sampleEvery": 2, "checkpointEvery": 2}}
                """.formatted(name == null ? "\"bad\"" : name, model, data));
        return new Case(what, path, "validate", file.toString());
    }

    /**
     * Trains every config case in one child JVM ({@link Child}), where a model the memory check let through would
     * crash ND4J's allocator without taking this JVM with it; nothing may be created under the output folder.
     *
     * @return the number of cases checked
     */
    private static int trainInChildJvm(List<Case> configs, List<String> failures) throws Exception {
        Path outputDir = tmp.resolve("child-runs");
        List<String> lines = new ArrayList<>();
        for (Case c : configs) {
            lines.add(String.join("\u001f", "train", c.args().get(1), "--set", "train.outputDir=" + outputDir));
        }
        Path casesFile = Files.write(tmp.resolve("child-cases.txt"), lines);
        Path crashDir = Files.createDirectories(tmp.resolve("child-crash"));
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/bin/bash"))) {
            // Should the check ever let a 40 GB model through, the child's allocation fails at this limit instead of
            // taking a shared machine's memory.
            cmd.addAll(List.of("/bin/bash", "-c", "ulimit -v " + CHILD_ADDRESS_SPACE_KB + " && exec \"$@\"", "child"));
        }
        cmd.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx1g",
                "-XX:ErrorFile=" + crashDir.resolve("hs_err_%p.log"), "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), Child.class.getName(), casesFile.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(crashDir.toFile()).redirectErrorStream(true);
        ChildEnv.apply(pb.environment());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), output);
        assertEquals(0, p.exitValue(), "the child JVM crashed or failed:\n" + output);
        try (Stream<Path> files = Files.list(crashDir)) {
            assertEquals(List.of(), files.toList(), "JVM crash files");
        }
        String[] results = output.split(Child.MARK);
        for (int i = 0; i < configs.size(); i++) {
            Case c = configs.get(i);
            Case trained = new Case(c.what() + " (train, child JVM)", List.of("train", c.args().get(1)), c.names());
            String result = i + 1 < results.length ? results[i + 1] : "";
            int code = result.isEmpty() ? -1 : Integer.parseInt(result.substring(0, result.indexOf('\n')).strip());
            String err = result.isEmpty() ? "(no result)" : result.substring(result.indexOf('\n') + 1);
            check(trained, new CliTest.Result(code, "", err), failures);
        }
        assertFalse(Files.exists(outputDir), "a refused config left " + outputDir + " behind");
        return configs.size();
    }

    /** Runs each line of the file given (arguments separated by U+001F) through the CLI, reporting code and stderr. */
    public static final class Child {
        static final String MARK = "@@case ";

        public static void main(String[] args) throws IOException {
            Gan4jCli.skipJavaCppPhysicalMemoryCheck();
            for (String line : Files.readAllLines(Path.of(args[0]))) {
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int code = Gan4jCli.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8), line.split("\u001f"));
                System.out.print(MARK + code + "\n" + err.toString(StandardCharsets.UTF_8));
            }
            System.out.flush();
        }
    }

    // ---- command-line arguments ----

    private static List<Case> argumentCases() throws IOException {
        String mnist = mnistRun.toString();
        String ring = ringRun.toString();
        Path plain = Files.createDirectories(tmp.resolve("ordinary-folder"));
        Files.writeString(plain.resolve("notes.txt"), "not a run\n");
        Path idx = tmp.resolve("reference.idx");
        Files.write(idx, new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4});
        String png = tmp.resolve("out.png").toString();
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("latent size 1e9, validate --no-data", "$.model.latentDim", "validate", "--no-data",
                tmp.resolve("config-latent-size-1e9.json").toString()));
        cases.add(new Case("sample --n 1e9", "--n", "sample", mnist, "--n", "1000000000", "--out", png));
        cases.add(new Case("sample --n 0", "--n", "sample", mnist, "--n", "0", "--out", png));
        cases.add(new Case("sample --n overflowing an int", "--n", "sample", mnist, "--n", "3000000000", "--out", png));
        cases.add(new Case("evaluate --n 1e9", "--n", "evaluate", mnist, "--n", "1000000000"));
        cases.add(new Case("evaluate --n not a number", "--n", "evaluate", mnist, "--n", "ten"));
        cases.add(new Case("an unknown option", "--bogus", "sample", mnist, "--bogus", "--out", png));
        cases.add(new Case("evaluate --against on a 2-D mixture run", "--against", "evaluate", ring, "--against",
                "train"));
        cases.add(new Case("evaluate --against FILE on a 2-D mixture run", "--against", "evaluate", ring,
                "--against", idx.toString()));
        cases.add(new Case("evaluate --features on a 2-D mixture run", "--features", "evaluate", ring,
                "--features", "mnist"));
        cases.add(new Case("evaluate --features mnist on an RGB run", "--features", "evaluate", rgbRun.toString(),
                "--features", "mnist", "--against", "train"));
        cases.add(new Case("resume --set train.outputDir", "$.train.outputDir", "resume", mnist, "--set",
                "train.outputDir=" + tmp.resolve("elsewhere")));
        cases.add(new Case("resume --set name", "$.name", "resume", mnist, "--set", "name=renamed"));
        cases.add(new Case("resume an ordinary folder", plain.toString(), "resume", plain.toString()));
        cases.add(new Case("resume a folder that does not exist", "no-such-run", "resume",
                tmp.resolve("no-such-run").toString()));
        cases.add(new Case("evaluate an ordinary folder", plain.toString(), "evaluate", plain.toString()));
        cases.add(new Case("sample an ordinary folder", plain.toString(), "sample", plain.toString(), "--out", png));
        return cases;
    }

    // ---- data files that are not what the config says ----

    private static List<Case> dataFileCases() throws IOException {
        Map<String, byte[]> files = new TreeMap<>(Map.of(
                "picture.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13},
                "archive.zip", new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0},
                "notes.txt", "images go here\n".getBytes(StandardCharsets.UTF_8),
                "config.json", "{\"images\": \"mnist\"}".getBytes(StandardCharsets.UTF_8),
                "random.bin", new byte[] {(byte) 0xC3, 0x28, (byte) 0xA0, (byte) 0xA1, 0x7F, 0x00, 0x11, 0x22}));
        List<Case> cases = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path file = Files.write(tmp.resolve(f.getKey()), f.getValue());
            Path cfg = Files.writeString(tmp.resolve("data-" + f.getKey() + ".json"), """
                    {"name": "notidx", "model": {"type": "vanilla", "latentDim": 4,
                       "generator": {"hidden": [8]}, "discriminator": {"hidden": [8]}},
                     "data": {"source": "idx", "images": "%s"},
                     "train": {"iterations": 2, "batchSize": 4}}
                    """.formatted(file.toString().replace("\\", "\\\\")));
            cases.add(new Case(f.getKey() + " as IDX images", file + ": not an IDX file", "validate", cfg.toString()));
        }
        return cases;
    }

    // ---- damaged run directories, each a copy of the MNIST run, resumed ----

    /**
     * A damage to a copy of the run, and the file the message must name; besides resume, {@code also} (compare or
     * sample, or null) reads the copy too.
     */
    private record Damage(String what, String names, IoAction apply, String also) {
        Damage(String what, String names, IoAction apply) {
            this(what, names, apply, null);
        }
    }

    private interface IoAction {
        void apply(Path run) throws IOException;
    }

    private static List<Damage> damages() {
        byte[] binary = {(byte) 0xFF, (byte) 0xFE, 0, 1, (byte) 0xC3, 0x28};
        return List.of(
                new Damage("metrics.csv not text", "metrics.csv", r -> Files.write(r.resolve("metrics.csv"), binary),
                        "compare"),
                new Damage("metrics.csv without its header", "metrics.csv",
                        r -> Files.writeString(r.resolve("metrics.csv"), "1,2,3\n4,5,6\n")),
                new Damage("eval.csv not text", "eval.csv", r -> Files.write(r.resolve("eval.csv"), binary)),
                new Damage("manifest.json missing", "manifest.json", r -> Files.delete(r.resolve("manifest.json"))),
                new Damage("manifest.json not JSON", "manifest.json",
                        r -> Files.writeString(r.resolve("manifest.json"), "{\"format\": 1, "), "compare"),
                new Damage("manifest.json not text", "manifest.json", r -> Files.write(r.resolve("manifest.json"), binary)),
                new Damage("manifest.json another document", "manifest.json",
                        r -> Files.writeString(r.resolve("manifest.json"), "{\"sessions\": \"none\"}")),
                new Damage("manifest.json empty", "manifest.json", r -> Files.writeString(r.resolve("manifest.json"), "")),
                new Damage("config.resolved.json missing", "config.resolved.json",
                        r -> Files.delete(r.resolve("config.resolved.json"))),
                new Damage("config.resolved.json not JSON", "config.resolved.json",
                        r -> Files.writeString(r.resolve("config.resolved.json"), "{\"name\": ")),
                new Damage("latest pointer deleted", "'latest' pointer is missing",
                        r -> Files.delete(r.resolve("checkpoints").resolve("latest")), "sample"),
                new Damage("latest pointer garbled", "latest",
                        r -> Files.writeString(r.resolve("checkpoints").resolve("latest"), "step-x\u0000\n")),
                new Damage("checkpoints folder deleted", "checkpoints", r -> deleteTree(r.resolve("checkpoints"))));
    }

    /**
     * Resumes a damaged copy of the run per damage (and compares or samples it where the damage says); the copy
     * must be unchanged afterwards.
     *
     * @return the number of cases checked
     */
    private static int damagedRunCases(List<String> failures) throws IOException {
        int count = 0;
        List<Damage> damages = damages();
        for (int i = 0; i < damages.size(); i++) {
            Damage d = damages.get(i);
            Path copy = tmp.resolve("damaged-" + i).resolve(mnistRun.getFileName());
            copyTree(mnistRun, copy);
            d.apply().apply(copy);
            Map<String, String> before = snapshot(copy);
            List<Case> cases = new ArrayList<>();
            cases.add(new Case(d.what(), d.names(), "resume", copy.toString(), "--set", "train.iterations=8"));
            if ("compare".equals(d.also())) {
                cases.add(new Case(d.what() + ", compared", d.names(), "compare", copy.toString(), mnistRun.toString(),
                        "--out", tmp.resolve("compare-" + i).toString()));
            } else if ("sample".equals(d.also())) {
                cases.add(new Case(d.what() + ", sampled", d.names(), "sample", copy.toString(), "--out",
                        tmp.resolve("sample-" + i + ".png").toString()));
            }
            for (Case c : cases) {
                check(c, CliTest.cli(c.args().toArray(String[]::new)), failures);
                if (!before.equals(snapshot(copy))) {
                    failures.add(c.what() + ": " + c.args().get(0) + " changed the run directory");
                }
                count++;
            }
        }
        return count;
    }

    // ---- files ----

    /** Every file under the folders by path, with its SHA-256. */
    private static Map<String, String> snapshot(Path... roots) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.toList()) {
                    files.put(p.toString(), Files.isDirectory(p) ? "dir" : sha256(Files.readAllBytes(p)));
                }
            }
        }
        return files;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
