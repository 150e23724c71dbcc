package io.gan4j.experiments;

import org.junit.jupiter.api.Test;
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
 * registry does not find it). This test names whichever is missing, for every {@code gan-*} folder with a POM.
 */
class VariantModulesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String PROVIDER_FILE = "src/main/resources/META-INF/services/io.gan4j.core.api.GanVariant";

    @Test
    void everyVariantModuleIsBuiltShippedAndRegistered() throws Exception {
        Set<String> folders = variantFolders();
        assertTrue(folders.size() >= 6, "the six variants at least: " + folders);
        Set<String> modules = new TreeSet<>(texts(ROOT.resolve("pom.xml"), "module", null));
        Set<String> shipped = new TreeSet<>(texts(ROOT.resolve("experiments/pom.xml"), "artifactId", "dependency"));
        List<String> missing = new ArrayList<>();
        for (String m : folders) {
            if (!modules.contains(m)) {
                missing.add(m + ": add <module>" + m + "</module> to the root pom.xml");
            }
            if (!shipped.contains(m)) {
                missing.add(m + ": add it as a dependency of experiments/pom.xml (runtime scope) so the CLI ships it");
            }
            Path provider = ROOT.resolve(m).resolve(PROVIDER_FILE);
            if (!Files.isRegularFile(provider) || Files.readString(provider).isBlank()) {
                missing.add(m + ": name its GanVariant class in " + m + "/" + PROVIDER_FILE);
            }
        }
        assertEquals(List.of(), missing);
        assertEquals(folders.size(), Gan4jCli.registry().names().size(),
                "one variant per module on the test class path: " + Gan4jCli.registry().names());
    }

    private static Set<String> variantFolders() throws Exception {
        try (Stream<Path> s = Files.list(ROOT)) {
            return s.filter(p -> p.getFileName().toString().startsWith("gan-") && Files.isRegularFile(p.resolve("pom.xml")))
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals("gan-core"))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
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
