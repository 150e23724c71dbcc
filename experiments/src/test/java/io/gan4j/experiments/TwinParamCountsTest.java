package io.gan4j.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.config.ConfigLoader;
import io.gan4j.core.config.LoadedConfig;
import io.gan4j.core.data.FashionMnistData;
import io.gan4j.core.run.ExperimentRunner;
import io.gan4j.core.io.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The PyTorch twin of every shipped config is the same model as gan4j's: each network's learned-parameter count
 * (weights, biases, normalisation scales and shifts) equals the count PyTorch gave for the twin, as
 * {@code benchmarks/twin_param_counts.sh} committed it in {@code benchmarks/pytorch-param-counts.json} (CI has no
 * torch, so the PyTorch side is read from that file; {@code gan4j bench} checks the same live on every run).
 */
class TwinParamCountsTest {
    private static final Path COUNTS = Path.of("../benchmarks/pytorch-param-counts.json");
    private static final String PYTHON = "/usr/bin/python3";
    private static final String REGENERATE = " (run benchmarks/twin_param_counts.sh from the repository root)";

    /**
     * The configs of every variant that is its own model: a module fresh from {@code gan4j new-variant} (its
     * description still says it was generated from the template) is gan-vanilla under a new name and has no twin of
     * its own until its author writes one (docs/extending.md).
     */
    static Stream<String> shippedConfigs() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("configs"))) {
            List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
            List<String> own = new ArrayList<>();
            for (String name : names) {
                if (!generatedScaffold(name)) {
                    own.add(name);
                }
            }
            return own.stream();
        }
    }

    private static boolean generatedScaffold(String config) throws IOException {
        String type = Json.MAPPER.readTree(Path.of("configs", config + ".json").toFile()).path("model").path("type")
                .asText();
        return Gan4jCli.registry().contains(type)
                && Gan4jCli.registry().get(type).description().startsWith(VariantScaffold.GENERATED_DESCRIPTION);
    }

    @Test
    void everyShippedConfigHasPytorchCounts() throws IOException {
        JsonNode configs = Json.MAPPER.readTree(COUNTS.toFile()).get("configs");
        TreeSet<String> counted = new TreeSet<>();
        configs.fieldNames().forEachRemaining(counted::add);
        assertEquals(new TreeSet<>(shippedConfigs().toList()), counted,
                "benchmarks/pytorch-param-counts.json must count exactly the shipped configs" + REGENERATE);
    }

    /**
     * Where this machine's {@code /usr/bin/python3} has torch (not in CI): the committed counts are what the twin
     * gives now, so a change to {@code benchmarks/gan4j_twins.py} or {@code pytorch_reference.py} cannot leave them
     * stale. The specs are written by {@code bench --twin-spec} as the script does; needs the data sets the configs
     * name.
     */
    @Test
    void committedCountsAreWhatTheTwinCountsNow(@TempDir Path tmp) throws IOException, InterruptedException {
        Assumptions.assumeTrue(BenchProcesses.pytorchMissing(PYTHON) == null, "no torch in " + PYTHON);
        Assumptions.assumeTrue(Files.isDirectory(Path.of(FashionMnistData.DEBIAN_DIR)), "no Fashion-MNIST");
        List<String> cmd = new ArrayList<>(List.of(PYTHON, "../benchmarks/pytorch_reference.py", "--counts"));
        for (String name : shippedConfigs().toList()) {
            Path spec = tmp.resolve(name + ".json");
            List<String> args = new ArrayList<>(List.of("bench", "configs/" + name + ".json", "--twin-spec",
                    spec.toString()));
            args.addAll(generatedDataIfMissing(name, tmp));
            CliTest.Result r = CliTest.cli(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            cmd.add(spec.toString());
        }
        Path counts = tmp.resolve("counts.json");
        cmd.addAll(List.of("--counts-out", counts.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "the twin agrees with gan4j on every config: " + out);
        assertEquals(Json.MAPPER.readTree(COUNTS.toFile()).get("configs"), Json.MAPPER.readTree(counts.toFile())
                .get("configs"), "the committed counts are stale" + REGENERATE);
    }

    /**
     * The paper configs read folders that {@code gan4j data shapes} generates under the repository root, which a
     * clean clone does not have: a few images of the same layout and size are generated into {@code tmp} instead and
     * the config pointed there ({@code --set data.dir}); the networks depend only on the size and channels.
     */
    private static List<String> generatedDataIfMissing(String name, Path tmp) throws IOException {
        JsonNode data = Json.MAPPER.readTree(Path.of("configs", name + ".json").toFile()).path("data");
        String layout = switch (data.path("source").asText()) {
            case "folder" -> "images";
            case "aligned-folder" -> "aligned";
            case "unaligned-folder" -> "unaligned";
            default -> null;
        };
        if (layout == null || Files.isDirectory(Path.of(data.path("dir").asText()))) {
            return List.of();
        }
        Path dir = tmp.resolve(name + "-data");
        // At least one batch (dcgan-64-rgb trains on 128).
        String count = String.valueOf(Math.max(4, Json.MAPPER.readTree(Path.of("configs", name + ".json").toFile())
                .path("train").path("batchSize").asInt(1)));
        List<String> args = new ArrayList<>(List.of("data", "shapes", "--layout", layout, "--size",
                data.path("size").asText(), "--count", count, "--out", dir.toString()));
        if (!layout.equals("images")) {
            args.addAll(List.of("--test-count", "2"));
        }
        CliTest.Result r = CliTest.cli(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return List.of("--set", "data.dir=" + dir);
    }

    @ParameterizedTest
    @MethodSource("shippedConfigs")
    void gan4jCountsEqualThePytorchTwins(String name) throws IOException {
        JsonNode entry = Json.MAPPER.readTree(COUNTS.toFile()).path("configs").path(name);
        LoadedConfig loaded = new ConfigLoader(Gan4jCli.registry()).load(Path.of("configs", name + ".json"), List.of());
        // The model is built for the data shape the twin was built for, so no data set has to be on this machine.
        List<Long> shape = Json.MAPPER.convertValue(entry.get("sampleShape"),
                Json.MAPPER.getTypeFactory().constructCollectionType(List.class, Long.class));
        DataSpec spec = new DataSpec(shape.stream().mapToLong(Long::longValue).toArray(),
                entry.get("numClasses").asInt(), loaded.config().data().kind(), name);
        GanModel model = new ExperimentRunner(Gan4jCli.registry()).newModel(loaded, spec);
        Map<String, Long> pytorch = new LinkedHashMap<>();
        entry.get("learnedParams").fields().forEachRemaining(e -> pytorch.put(e.getKey(), e.getValue().asLong()));
        assertEquals(new java.util.TreeMap<>(pytorch), new java.util.TreeMap<>(BenchCommand.learnedParams(model)),
                name + ": PyTorch's counts (left) against gan4j's" + REGENERATE + " if the config changed");
    }
}
