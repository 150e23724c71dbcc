package io.gan4j.experiments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gan4j.core.api.GanVariant;
import io.gan4j.core.config.ConfigDescriber;
import io.gan4j.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code gan4j new-variant} run on a copy of the files it reads (the root and experiments POMs, gan-vanilla, the
 * ring-8 config): the module it writes, the exact POM edits, and refusals that leave every file as it was. That the
 * generated module passes its own tests and shows in {@code gan4j list} is checked end to end by {@code .ci/run}.
 */
class NewVariantCommandTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    /** A copy of what the command reads, without build output. */
    private Path checkout() throws IOException {
        copy("pom.xml");
        copy("experiments/pom.xml");
        copy("experiments/configs/vanilla-ring8.json");
        copy(DescribeCommand.REFERENCE_FILE);
        copy("gan-vanilla/pom.xml");
        try (Stream<Path> s = Files.walk(ROOT.resolve("gan-vanilla/src"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                copy(ROOT.relativize(p).toString());
            }
        }
        return tmp;
    }

    private void copy(String rel) throws IOException {
        Files.createDirectories(tmp.resolve(rel).getParent());
        Files.copy(ROOT.resolve(rel), tmp.resolve(rel));
    }

    @Test
    void writesTheRenamedTemplateAndRegistersItInBothPoms() throws Exception {
        Path root = checkout();
        // From a subfolder: the command finds the checkout's root above it.
        CliTest.Result r = CliTest.cli("new-variant", "demo", "--dir", root.resolve("experiments/configs").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());

        Path pkg = root.resolve("gan-demo/src/main/java/io/gan4j/demo");
        for (String cls : List.of("DemoConfig", "DemoGanModel", "DemoVariant", "package-info")) {
            assertTrue(Files.isRegularFile(pkg.resolve(cls + ".java")), cls);
        }
        assertTrue(Files.isRegularFile(root.resolve("gan-demo/src/test/java/io/gan4j/demo/DemoContractTest.java")));
        assertEquals("io.gan4j.demo.DemoVariant", Files.readString(root.resolve("gan-demo")
                .resolve("src/main/resources/META-INF/services/io.gan4j.core.api.GanVariant")).trim());
        // The parity replay checks gan-vanilla's own PyTorch numbers: neither the test nor its fixtures are copied.
        assertFalse(Files.exists(root.resolve("gan-demo/src/test/resources/parity")));
        assertFalse(Files.exists(root.resolve("gan-demo/src/test/java/io/gan4j/demo/DemoParityTest.java")));
        assertTrue(r.out().contains("VanillaParityTest.java"), r.out());
        assertTrue(r.out().contains("its section added to docs/config-reference.md"), r.out());

        for (Map.Entry<Path, String> e : files(root.resolve("gan-demo")).entrySet()) {
            Path f = e.getKey();
            String text = e.getValue();
            for (String leftover : List.of("io.gan4j.vanilla", "Vanilla", "\"vanilla\"", "vanilla-ring8")) {
                assertFalse(text.contains(leftover), f + " still says " + leftover);
            }
            if (f.toString().endsWith(".java")) {
                assertTrue(text.startsWith("/**") || text.startsWith("package io.gan4j.demo;\n"), f.toString());
            }
        }
        assertTrue(Files.readString(root.resolve("gan-demo/pom.xml")).contains("<artifactId>gan-demo</artifactId>"));
        assertTrue(Files.readString(pkg.resolve("DemoVariant.java")).contains("/** TODO(demo): the paper"));

        // The POMs: exactly these lines added, the rest untouched (formatting, comments, order).
        String rootPom = Files.readString(root.resolve("pom.xml"));
        assertEquals(Files.readString(ROOT.resolve("pom.xml")), without(rootPom,
                "    <module>gan-demo</module>\n    <module>experiments</module>\n",
                "    <module>experiments</module>\n",
                "      <dependency>\n        <groupId>io.gan4j</groupId>\n        <artifactId>gan-demo</artifactId>\n"
                        + "        <version>${project.version}</version>\n      </dependency>\n", ""));
        assertEquals(Files.readString(ROOT.resolve("experiments/pom.xml")),
                without(Files.readString(root.resolve("experiments/pom.xml")),
                        "    <dependency>\n      <groupId>io.gan4j</groupId>\n      <artifactId>gan-demo</artifactId>\n"
                                + "      <scope>runtime</scope>\n    </dependency>\n", ""));
        assertTrue(rootPom.indexOf("<artifactId>gan-demo</artifactId>") > rootPom.indexOf("<dependencyManagement>"));
        assertTrue(rootPom.indexOf("<artifactId>gan-demo</artifactId>") < rootPom.indexOf("</dependencyManagement>"));
        // The check that names a module missing from either POM finds nothing missing.
        assertEquals(List.of(), VariantModulesTest.problems(root));

        // The starter config: vanilla-ring8's experiment, for the new type.
        ObjectNode expected = (ObjectNode) Json.MAPPER.readTree(ROOT.resolve("experiments/configs/vanilla-ring8.json")
                .toFile());
        expected.put("name", "demo-ring8");
        ((ObjectNode) expected.get("model")).put("type", "demo");
        assertEquals(expected, Json.MAPPER.readTree(root.resolve("experiments/configs/demo-ring8.json").toFile()));
    }

    private static String without(String text, String... pairs) {
        String out = text;
        for (int i = 0; i < pairs.length; i += 2) {
            assertTrue(out.contains(pairs[i]), "missing:\n" + pairs[i]);
            out = out.replaceFirst(java.util.regex.Pattern.quote(pairs[i]),
                    java.util.regex.Matcher.quoteReplacement(pairs[i + 1]));
        }
        return out;
    }

    /**
     * The generated sources (main and test) compile against gan-core, and ServiceLoader finds a provider named "demo"
     * whose defaults are its own config record: the module is complete code, not a sketch.
     */
    @Test
    void theGeneratedProviderCompilesAndIsDiscovered() throws Exception {
        Path root = checkout();
        assertEquals(0, CliTest.cli("new-variant", "demo", "--dir", root.toString()).code());
        Path main = root.resolve("gan-demo/src/main");
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), "-proc:none"));
        // Its tests too: they compile against gan-core's test-jar (the contract test), which experiments' tests see.
        try (Stream<Path> s = Files.walk(root.resolve("gan-demo/src"))) {
            s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).forEach(args::add);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        assertEquals(0, javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new)),
                diagnostics.toString(StandardCharsets.UTF_8));
        Path services = classes.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.copy(main.resolve("resources/META-INF/services/io.gan4j.core.api.GanVariant"),
                services.resolve("io.gan4j.core.api.GanVariant"));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            GanVariant demo = ServiceLoader.load(GanVariant.class, loader).stream().map(ServiceLoader.Provider::get)
                    .filter(v -> v.name().equals("demo")).findFirst().orElseThrow();
            assertEquals("io.gan4j.demo.DemoVariant", demo.getClass().getName());
            assertEquals("io.gan4j.demo.DemoConfig", demo.configType().getName());
            assertEquals(demo.configType(), demo.defaultConfig().getClass());
            assertTrue(demo.description().startsWith("Generated from gan-vanilla: "), demo.description());
            // The section new-variant put in the config reference is what describe --markdown prints for the compiled
            // record, in the registry's order: the reference stays current without a rebuild and regeneration.
            String reference = Files.readString(root.resolve(DescribeCommand.REFERENCE_FILE));
            String section = "## `model` (type `demo`)\n\n" + ConfigDescriber.markdown(ConfigDescriber.variant(demo))
                    + "\n";
            int at = reference.indexOf("## `model` (type `demo`)");
            assertTrue(at >= 0, "no demo section in the reference");
            assertEquals(section, reference.substring(at, Math.min(reference.length(), at + section.length())));
            assertTrue(reference.indexOf("(type `dcgan`)") < reference.indexOf(section), "dcgan before demo");
            assertTrue(reference.indexOf(section) < reference.indexOf("(type `pix2pix`)"), "demo before pix2pix");
            assertEquals(Files.readString(ROOT.resolve(DescribeCommand.REFERENCE_FILE)), reference.replace(section, ""));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Demo", "1gan", "info-gan", "info_gan", "", "class", "true", "vanilla", "cyclegan", "core",
            "experiments"})
    void aBadOrTakenNameIsRefusedWritingNothing(String name) throws IOException {
        Path root = checkout();
        Map<Path, String> before = files(root);
        CliTest.Result r = CliTest.cli("new-variant", name, "--dir", root.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("gan4j new-variant: variant name '" + name + "' "), r.err());
        assertEquals(before, files(root));
    }

    @Test
    void anExistingModuleFolderOrConfigIsRefusedWritingNothing() throws IOException {
        Path root = checkout();
        assertEquals(0, CliTest.cli("new-variant", "demo", "--dir", root.toString()).code());
        Map<Path, String> generated = files(root);
        CliTest.Result again = CliTest.cli("new-variant", "demo", "--dir", root.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("'demo' is taken"), again.err());
        assertEquals(generated, files(root));

        // A folder of that name that is in no POM yet (a module being written by hand).
        Files.createDirectories(root.resolve("gan-handmade/src"));
        Map<Path, String> withFolder = files(root);
        CliTest.Result folder = CliTest.cli("new-variant", "handmade", "--dir", root.toString());
        assertEquals(2, folder.code());
        assertTrue(folder.err().contains("'handmade' is taken"), folder.err());
        assertEquals(withFolder, files(root));

        // A config of the name the starter config would get.
        Files.writeString(root.resolve("experiments/configs/mine-ring8.json"), "{}");
        Map<Path, String> withConfig = files(root);
        CliTest.Result config = CliTest.cli("new-variant", "mine", "--dir", root.toString());
        assertEquals(2, config.code());
        assertEquals("gan4j new-variant: experiments/configs/mine-ring8.json already exists: remove it or choose"
                + " another name\n", config.err());
        assertEquals(withConfig, files(root));
        assertFalse(Files.exists(root.resolve("gan-mine")));
    }

    /**
     * A write that fails half way (here: experiments/pom.xml turned into a folder after the plan was made, so the
     * last write fails) leaves the tree as it was: the module and config removed, the root POM put back.
     */
    @Test
    void aFailedWriteIsUndone() throws IOException {
        Path root = checkout();
        VariantScaffold.Plan plan = VariantScaffold.plan(root, "demo", List.of());
        Files.delete(root.resolve("experiments/pom.xml"));
        Files.createDirectories(root.resolve("experiments/pom.xml"));
        Map<Path, String> before = files(root);
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> VariantScaffold.write(plan));
        assertEquals(before, files(root));
    }

    @Test
    void outsideACheckoutIsRefused() throws IOException {
        // Another Maven project is not a gan4j checkout either.
        Files.writeString(tmp.resolve("pom.xml"), "<project><artifactId>other</artifactId></project>");
        CliTest.Result r = CliTest.cli("new-variant", "demo", "--dir", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("gan4j new-variant: " + tmp.toAbsolutePath().normalize()
                + " is not inside a gan4j checkout"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals(List.of(tmp.resolve("pom.xml")), Files.list(tmp).toList());
    }

    /** Every file under {@code dir} (relative path → content): the whole state a refusal must leave as it was. */
    private static Map<Path, String> files(Path dir) throws IOException {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted().toList()) {
                out.put(dir.relativize(p), Files.isRegularFile(p) ? Files.readString(p) : "<dir>");
            }
        }
        return out;
    }

    /** The class names, config type and variant name follow NAME; a digit is kept as it is. */
    @Test
    void namesFollowTheVariantName() {
        assertEquals("Infogan2", VariantScaffold.pascalCase("infogan2"));
        assertEquals("package io.gan4j.infogan2; class Infogan2Variant { String n = \"infogan2\"; }",
                VariantScaffold.rename("package io.gan4j.vanilla; class VanillaVariant { String n = \"vanilla\"; }",
                        "infogan2"));
    }
}
