package io.gan4j.experiments;

import javax.lang.model.SourceVersion;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What {@code gan4j new-variant NAME} writes: a module {@code gan-NAME} generated from {@code gan-vanilla}'s sources as
 * they are now (so the template cannot go stale), a starter config, and the three registrations the build needs (a
 * {@code <module>} and a {@code dependencyManagement} entry in the root POM, a runtime dependency of experiments).
 *
 * <p>The generated module is a working vanilla GAN under a new name: package {@code io.gan4j.vanilla} becomes
 * {@code io.gan4j.NAME}, the classes' prefix {@code Vanilla} becomes {@code Name}, the variant name and config type
 * {@code "vanilla"} become {@code "NAME"}, and every experiments config the template's tests read
 * ({@code experiments/configs/vanilla-*.json}, at least {@code vanilla-ring8}) is copied as {@code NAME-*.json}. Tests
 * that replay the template's own PyTorch fixtures are left out (their numbers belong to gan-vanilla). The places a
 * new variant must rewrite are marked {@code TODO(NAME)} in Javadoc only; the code is complete.
 *
 * <p>Everything is checked and computed before the first file is written: a bad name, an existing module or config,
 * or a POM without the expected anchors changes nothing.
 */
final class VariantScaffold {
    static final String TEMPLATE_MODULE = "gan-vanilla";
    static final String TEMPLATE_NAME = "vanilla";
    private static final String TEMPLATE_PREFIX = "Vanilla";
    /** The config every generated module gets, whether or not the template's tests read it: it trains in a minute. */
    static final String STARTER_CONFIG = "ring8";
    private static final String PARENT_ARTIFACT = "gan4j-parent";
    private static final String CONFIGS = "experiments/configs";
    private static final Pattern VALID_NAME = Pattern.compile("[a-z][a-z0-9]*");
    /** Names whose package would be another gan4j package, or whose module folder has another role. */
    private static final Set<String> RESERVED = Set.of("core", "experiments", "parent");
    private static final Pattern CONFIG_REFERENCE = Pattern.compile(CONFIGS + "/" + TEMPLATE_NAME + "-([a-z0-9-]+)\\.json");
    private static final Pattern DESCRIPTION_LITERAL =
            Pattern.compile("public String description\\(\\)\\s*\\{\\s*return \"");
    /**
     * How a generated provider's description starts until its author writes their own; a variant still saying this is
     * the template under a new name (the twin-count check, which wants a PyTorch twin per variant, passes it by).
     */
    static final String GENERATED_DESCRIPTION = "Generated from " + TEMPLATE_MODULE + ": ";
    /** A variant's section header in the config reference, as DescribeCommand writes it. */
    private static final Pattern MODEL_SECTION = Pattern.compile("(?m)^## `model` \\(type `([^`]+)`\\)$");
    private static final Pattern DEPENDENCY = Pattern.compile("(?s)<dependency>(.*?)</dependency>");

    private VariantScaffold() {
    }

    /** Files to create and files to replace, all relative to the repository root, in the order they are written. */
    record Plan(Path root, String name, Map<String, String> created, Map<String, String> edited, List<String> left) {
        String module() {
            return "gan-" + name;
        }
    }

    /**
     * The repository root above {@code start}: the nearest folder (itself included) whose {@code pom.xml} is the
     * project {@code gan4j-parent}.
     */
    static Path findRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && PARENT_ARTIFACT.equals(artifactId(pom))) {
                return dir;
            }
        }
        throw new UserInputException(start.toAbsolutePath().normalize() + " is not inside a gan4j checkout (no pom.xml"
                + " of artifactId " + PARENT_ARTIFACT + " there or above): run new-variant in the repository");
    }

    private static String artifactId(Path pom) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var project = factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
            for (var n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
                if ("artifactId".equals(n.getNodeName())) {
                    return n.getTextContent().trim();
                }
            }
            return null;
        } catch (Exception e) {
            // Some other project's unreadable POM: not gan4j's root, keep looking above.
            return null;
        }
    }

    /**
     * Refuses a name that cannot be a variant: it becomes a folder, a Java package and a JSON value, so only
     * lower-case letters and digits, starting with a letter, no Java keyword, and none of the variants that exist.
     */
    static void checkName(String name, Collection<String> existing) {
        String what = "variant name '" + name + "'";
        if (!VALID_NAME.matcher(name).matches()) {
            throw new UserInputException(what + " must be lower-case letters and digits, starting with a letter (it"
                    + " names the module gan-NAME, the package io.gan4j.NAME and the configs' model.type)");
        }
        if (SourceVersion.isKeyword(name)) {
            throw new UserInputException(what + " is a Java keyword and cannot name the package io.gan4j." + name);
        }
        if (RESERVED.contains(name)) {
            throw new UserInputException(what + " is reserved: io.gan4j." + name + " or gan-" + name
                    + " is part of gan4j itself");
        }
        if (existing.contains(name)) {
            throw new UserInputException(what + " is taken: the variants are " + String.join(", ",
                    new TreeSet<>(existing)));
        }
    }

    /** Variant names in use in the checkout: {@code gan-*} folders and {@code gan-*} modules of the root POM. */
    static Set<String> namesInCheckout(Path root) throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> s = Files.list(root)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("gan-")).forEach(n -> names.add(n.substring(4)));
        }
        Matcher m = Pattern.compile("<module>gan-([^<]+)</module>").matcher(read(root.resolve("pom.xml")));
        while (m.find()) {
            names.add(m.group(1).trim());
        }
        return names;
    }

    /**
     * Checks everything and computes every file of the new variant {@code name}, writing nothing.
     *
     * @param registered the variant names the running gan4j knows (its class path), refused like those in the checkout
     */
    static Plan plan(Path root, String name, Collection<String> registered) throws IOException {
        Set<String> existing = new TreeSet<>(registered);
        existing.addAll(namesInCheckout(root));
        checkName(name, existing);
        Path template = root.resolve(TEMPLATE_MODULE);
        if (!Files.isRegularFile(template.resolve("pom.xml"))) {
            throw new UserInputException(root.relativize(template) + "/pom.xml is missing: new-variant generates the"
                    + " module from the template module " + TEMPLATE_MODULE);
        }
        String module = "gan-" + name;
        Map<String, String> created = new LinkedHashMap<>();
        List<String> left = new ArrayList<>();
        Set<String> configs = new TreeSet<>(Set.of(STARTER_CONFIG));
        for (Path file : templateFiles(template)) {
            String rel = template.relativize(file).toString().replace('\\', '/');
            String text = read(file);
            if (isTemplateFixture(rel, text)) {
                left.add(TEMPLATE_MODULE + "/" + rel);
                continue;
            }
            Matcher refs = CONFIG_REFERENCE.matcher(text);
            while (refs.find()) {
                configs.add(refs.group(1));
            }
            created.put(module + "/" + rename(rel, name), markTodos(rel, rename(text, name), name));
        }
        for (String suffix : configs) {
            String source = CONFIGS + "/" + TEMPLATE_NAME + "-" + suffix + ".json";
            if (!Files.isRegularFile(root.resolve(source))) {
                throw new UserInputException(source + " is missing: the template's tests read it, and the new"
                        + " variant gets a copy");
            }
            created.put(CONFIGS + "/" + name + "-" + suffix + ".json", rename(read(root.resolve(source)), name));
        }
        for (String path : created.keySet()) {
            String top = path.startsWith(module + "/") ? module : path;
            if (Files.exists(root.resolve(top))) {
                throw new UserInputException(top + " already exists: remove it or choose another name");
            }
        }
        Map<String, String> edited = new LinkedHashMap<>();
        edited.put("pom.xml", registerInRootPom(read(root.resolve("pom.xml")), module));
        edited.put("experiments/pom.xml", registerInExperimentsPom(read(root.resolve("experiments/pom.xml")), module));
        Path reference = root.resolve(DescribeCommand.REFERENCE_FILE);
        if (Files.isRegularFile(reference)) {
            edited.put(DescribeCommand.REFERENCE_FILE, registerInConfigReference(read(reference), name));
        }
        return new Plan(root, name, created, edited, left);
    }

    /**
     * Writes the plan: the new files first, the POMs last. If a write fails, what was written is removed and the POMs
     * are put back, so a full disk does not leave a half-registered module.
     */
    static void write(Plan plan) throws IOException {
        List<Path> written = new ArrayList<>();
        Map<Path, String> originals = new LinkedHashMap<>();
        Path moduleDir = plan.root().resolve(plan.module());
        try {
            for (Map.Entry<String, String> e : plan.created().entrySet()) {
                Path target = plan.root().resolve(e.getKey());
                Files.createDirectories(target.getParent());
                written.add(target);
                Files.writeString(target, e.getValue(), StandardCharsets.UTF_8);
            }
            for (Map.Entry<String, String> e : plan.edited().entrySet()) {
                Path target = plan.root().resolve(e.getKey());
                originals.put(target, read(target));
                Files.writeString(target, e.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            for (Map.Entry<Path, String> o : originals.entrySet()) {
                Files.writeString(o.getKey(), o.getValue(), StandardCharsets.UTF_8);
            }
            for (Path p : written) {
                Files.deleteIfExists(p);
            }
            deleteTree(moduleDir);
            throw e;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The template's POM and sources; not its build output or editor files. */
    private static List<Path> templateFiles(Path template) throws IOException {
        List<Path> files = new ArrayList<>(List.of(template.resolve("pom.xml")));
        try (Stream<Path> s = Files.walk(template.resolve("src"))) {
            s.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        return files;
    }

    /** The template's PyTorch parity fixtures and the tests replaying them: numbers measured on gan-vanilla itself. */
    private static boolean isTemplateFixture(String rel, String text) {
        return rel.startsWith("src/test/resources/parity/")
                || rel.startsWith("src/test/") && rel.endsWith(".java")
                        && (text.contains("ParityReplay") || text.contains("extends VariantParityTest"));
    }

    /** The template's names in a path or a text, turned into the new variant's. */
    static String rename(String text, String name) {
        return text.replace(TEMPLATE_PREFIX, pascalCase(name)).replace(TEMPLATE_NAME, name)
                .replace(TEMPLATE_NAME.toUpperCase(Locale.ROOT), name.toUpperCase(Locale.ROOT));
    }

    /** {@code infogan2} → {@code Infogan2}: the prefix of the generated classes. */
    static String pascalCase(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * Marks where a new variant must write its own words: the package's description and the provider's
     * {@code description()} and {@code paper()} (which keep the template's, true of the generated code, until then).
     */
    private static String markTodos(String rel, String text, String name) {
        String todo = "TODO(" + name + ")";
        if (rel.endsWith("/package-info.java")) {
            String generated = text.replace("This module is the template for new variants.",
                    "It was generated from " + TEMPLATE_MODULE + ", the template for new variants.");
            return insertAfterFirst(generated, "/**\n * ", todo + ": generated by {@code gan4j new-variant}"
                    + " from " + TEMPLATE_MODULE + ", so this is still\n * its model under a new name. Describe your"
                    + " variant here, in the provider's description() and paper(),\n * and in the config record;"
                    + " re-measure the tests' thresholds (they were measured on the template's model)\n * once the"
                    + " model changes. docs/extending.md walks through it.\n *\n * <p>", rel);
        }
        if (rel.endsWith(TEMPLATE_PREFIX + "Variant.java")) {
            return markProvider(rel, text, todo);
        }
        return text;
    }

    /** The provider's description says where it came from (in {@code gan4j list}); Javadoc asks for the real one. */
    private static String markProvider(String rel, String text, String todo) {
        Matcher description = DESCRIPTION_LITERAL.matcher(text);
        if (!description.find()) {
            throw new IllegalStateException(TEMPLATE_MODULE + "/" + rel + "'s description() does not return a"
                    + " string literal: update VariantScaffold with the template");
        }
        String described = text.substring(0, description.end()) + GENERATED_DESCRIPTION
                + text.substring(description.end());
        String marked = markMethod(described, "description", todo + ": one line on what this variant is (gan4j list"
                + " shows it).", rel);
        return markMethod(marked, "paper", todo + ": the paper this variant implements: authors (year), title.", rel);
    }

    private static String markMethod(String text, String method, String javadoc, String rel) {
        Matcher m = Pattern.compile("\n([ \t]*)@Override\\s*\n\\s*public String " + method + "\\(\\)").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException(TEMPLATE_MODULE + "/" + rel + " has no 'public String " + method
                    + "()' after @Override: update VariantScaffold with the template");
        }
        return text.substring(0, m.start() + 1) + m.group(1) + "/** " + javadoc + " */\n" + text.substring(m.start() + 1);
    }

    private static String insertAfterFirst(String text, String anchor, String insert, String rel) {
        int at = text.indexOf(anchor);
        if (at < 0) {
            throw new IllegalStateException(TEMPLATE_MODULE + "/" + rel + " has no Javadoc comment: update"
                    + " VariantScaffold with the template");
        }
        return text.substring(0, at + anchor.length()) + insert + text.substring(at + anchor.length());
    }

    /**
     * The root POM with {@code module} in {@code <modules>} (just before experiments, which depends on it) and in
     * {@code dependencyManagement} (after the last variant there, in its format); nothing else changes.
     */
    static String registerInRootPom(String pom, String module) {
        Matcher experiments = Pattern.compile("(?m)^([ \t]*)<module>\\s*experiments\\s*</module>").matcher(pom);
        if (!experiments.find()) {
            throw new UserInputException("pom.xml has no <module>experiments</module> to add <module>" + module
                    + "</module> before: add it to <modules> by hand");
        }
        String withModule = pom.substring(0, experiments.start()) + experiments.group(1) + "<module>" + module
                + "</module>" + lineEnd(pom) + pom.substring(experiments.start());
        return insertAfterLastVariant(withModule, "dependencyManagement", module, "pom.xml");
    }

    /** experiments' POM with {@code module} as a dependency after the last variant (runtime scope, as theirs). */
    static String registerInExperimentsPom(String pom, String module) {
        return insertAfterLastVariant(pom, "dependencies", module, "experiments/pom.xml");
    }

    /**
     * Copies the last variant's {@code <dependency>} block inside the first {@code <section>} element with its
     * artifactId replaced by {@code module}, and inserts the copy after it: same indentation, version or scope.
     */
    private static String insertAfterLastVariant(String pom, String section, String module, String file) {
        int from = pom.indexOf("<" + section + ">");
        int to = pom.indexOf("</" + section + ">", Math.max(from, 0));
        Matcher block = DEPENDENCY.matcher(pom).region(Math.max(from, 0), Math.max(to, 0));
        int start = -1;
        int end = -1;
        String artifact = null;
        while (from >= 0 && block.find()) {
            Matcher a = Pattern.compile("<artifactId>\\s*(gan-[^<\\s]+)\\s*</artifactId>").matcher(block.group(1));
            if (block.group(1).contains("<groupId>io.gan4j</groupId>") && !block.group(1).contains("<type>")
                    && a.find() && !a.group(1).equals("gan-core")) {
                start = pom.lastIndexOf('\n', block.start()) + 1;
                end = block.end();
                artifact = a.group(1);
            }
        }
        if (artifact == null) {
            throw new UserInputException(file + " has no variant dependency (io.gan4j:gan-...) in <" + section
                    + "> to add " + module + " after: add it by hand");
        }
        String copy = pom.substring(start, end).replace("<artifactId>" + artifact + "</artifactId>",
                "<artifactId>" + module + "</artifactId>");
        return pom.substring(0, end) + lineEnd(pom) + copy + pom.substring(end);
    }

    /**
     * The config reference with the new variant's {@code model} section, so that the committed reference stays what
     * {@code describe --markdown} prints once the module is built (ConfigReferenceDocTest): the generated config record
     * is the template's renamed, so its section is the template's section renamed, placed where the registry's
     * alphabetical order puts the new name.
     */
    static String registerInConfigReference(String doc, String name) {
        Matcher sections = MODEL_SECTION.matcher(doc);
        int templateStart = -1;
        int templateEnd = doc.length();
        int insertAt = -1;
        while (sections.find()) {
            if (templateStart >= 0 && templateEnd == doc.length()) {
                templateEnd = sections.start();
            }
            if (sections.group(1).equals(TEMPLATE_NAME)) {
                templateStart = sections.start();
            }
            if (insertAt < 0 && sections.group(1).compareTo(name) > 0) {
                insertAt = sections.start();
            }
        }
        if (templateStart < 0) {
            throw new UserInputException(DescribeCommand.REFERENCE_FILE + " has no section for model type '"
                    + TEMPLATE_NAME + "' to derive the new variant's from: regenerate it with "
                    + DescribeCommand.REGENERATE);
        }
        // The type row quotes the provider's description(), which the generated provider prefixes (markProvider).
        String section = rename(doc.substring(templateStart, templateEnd), name)
                .replaceFirst("\\| The variant: ", Matcher.quoteReplacement("| The variant: " + GENERATED_DESCRIPTION));
        if (!section.endsWith("\n\n")) {
            section = section.stripTrailing() + "\n\n";
        }
        if (insertAt < 0) {
            return doc.stripTrailing() + "\n\n" + section;
        }
        return doc.substring(0, insertAt) + section + doc.substring(insertAt);
    }

    private static String lineEnd(String text) {
        return text.contains("\r\n") ? "\r\n" : "\n";
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
