package io.gan4j.experiments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A new variant module takes three registrations besides its own code, and nothing else would say so: a
 * {@code <module>} in the root POM (else Maven never builds it), a dependency in experiments' POM (else the CLI's
 * jar lacks it and {@code gan4j list} does not show it), and a {@code META-INF/services} provider file (else the
 * registry does not find it). This test names whichever is missing, for every {@code gan-*} folder with a POM and
 * every root-POM module that ships a provider file. {@code gan4j new-variant} makes all three.
 */
class VariantModulesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** The gan-* modules that are not variants: the library, and the dashboard server of gan4j serve. */
    private static final Set<String> NOT_VARIANTS = Set.of("gan-core", "gan-serve");
    private static final String PROVIDER_FILE = "src/main/resources/META-INF/services/io.gan4j.core.api.GanVariant";

    @Test
    void everyVariantModuleIsBuiltShippedAndRegistered() throws Exception {
        Set<String> modules = variantModules(ROOT);
        assertTrue(modules.size() >= 6, "the six variants at least: " + modules);
        assertEquals(List.of(), problems(ROOT));
        assertEquals(modules.size(), Gan4jCli.registry().names().size(),
                "one variant per module on the test class path: " + Gan4jCli.registry().names());
    }

    /**
     * A module of any name that ships a provider file and is built (in the root POM) but not shipped (no dependency
     * of experiments) is named: it would build and pass its own tests, and {@code gan4j list} would not show it.
     */
    @Test
    void aBuiltProviderModuleThatExperimentsDoesNotShipIsNamed(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("experiments"));
        String experimentsPom = Files.readString(ROOT.resolve("experiments/pom.xml"));
        Files.writeString(tmp.resolve("experiments/pom.xml"), experimentsPom);
        Files.writeString(tmp.resolve("pom.xml"), Files.readString(ROOT.resolve("pom.xml"))
                .replace("<module>experiments</module>", "<module>extra</module><module>experiments</module>"));
        Path provider = tmp.resolve("extra").resolve(PROVIDER_FILE);
        Files.createDirectories(provider.getParent());
        Files.writeString(tmp.resolve("extra/pom.xml"), "<project/>");
        Files.writeString(provider, "org.example.ExtraVariant\n");

        assertEquals(List.of("extra: add it as a dependency of experiments/pom.xml (runtime scope) so the CLI ships it"),
                problems(tmp));

        Files.writeString(tmp.resolve("experiments/pom.xml"), experimentsPom.replace("<dependencies>",
                "<dependencies><dependency><groupId>org.example</groupId><artifactId>extra</artifactId></dependency>"));
        assertEquals(List.of(), problems(tmp));
    }

    /**
     * What is missing for each variant module under {@code root}, one line each naming the edit: the variant modules
     * are the {@code gan-*} folders with a POM (but {@link #NOT_VARIANTS} and modules that depend on experiments, such
     * as gan-spark) and the root POM's modules that ship a provider file.
     */
    static List<String> problems(Path root) throws Exception {
        Set<String> modules = new TreeSet<>(texts(root.resolve("pom.xml"), "module", null));
        Set<String> shipped = new TreeSet<>(texts(root.resolve("experiments/pom.xml"), "artifactId", "dependency"));
        List<String> missing = new ArrayList<>();
        for (String m : variantModules(root)) {
            if (!modules.contains(m)) {
                missing.add(m + ": add <module>" + m + "</module> to the root pom.xml");
            }
            if (!shipped.contains(m)) {
                missing.add(m + ": add it as a dependency of experiments/pom.xml (runtime scope) so the CLI ships it");
            }
            Path provider = root.resolve(m).resolve(PROVIDER_FILE);
            if (!Files.isRegularFile(provider) || Files.readString(provider).isBlank()) {
                missing.add(m + ": name its GanVariant class in " + m + "/" + PROVIDER_FILE);
            }
        }
        return missing;
    }

    private static Set<String> variantModules(Path root) throws Exception {
        Set<String> variants = new TreeSet<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(p -> p.getFileName().toString().startsWith("gan-") && Files.isRegularFile(p.resolve("pom.xml")))
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !NOT_VARIANTS.contains(name))
                    .forEach(variants::add);
        }
        // A module built on the CLI (gan-spark) is no variant: variants depend on gan-core only, never on experiments.
        for (String m : List.copyOf(variants)) {
            if (texts(root.resolve(m).resolve("pom.xml"), "artifactId", "dependency").contains("experiments")) {
                variants.remove(m);
            }
        }
        for (String m : texts(root.resolve("pom.xml"), "module", null)) {
            if (Files.isRegularFile(root.resolve(m).resolve(PROVIDER_FILE))) {
                variants.add(m);
            }
        }
        return variants;
    }

    /** The text of every {@code tag} element in {@code pom}, only inside a {@code parentTag} element when given. */
    private static List<String> texts(Path pom, String tag, String parentTag) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        NodeList nodes = doc.getElementsByTagName(tag);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (parentTag == null || n.getParentNode() instanceof Element p && p.getTagName().equals(parentTag)) {
                out.add(n.getTextContent().trim());
            }
        }
        return out;
    }
}
