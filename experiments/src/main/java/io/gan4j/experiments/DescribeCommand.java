package io.gan4j.experiments;

import io.gan4j.core.api.GanVariant;
import io.gan4j.core.config.ConfigDescriber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code gan4j describe [vanilla|train|data|eval]}: the config reference, generated from the config records. */
@Command(name = "describe", description = "Print the config reference: every field with its type, default, allowed"
        + " range and meaning. NAME is a variant (its model section), 'train', 'data' or 'eval'; without NAME, all of them.")
final class DescribeCommand extends CliCommand implements WithoutNd4j {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "A variant name, 'train', 'data' or 'eval'.")
    String name;

    @Option(names = "--markdown", description = "Print Markdown tables; without NAME, the whole page"
            + " docs/config-reference.md.")
    boolean markdown;

    /** The command that writes {@link #REFERENCE_FILE}, run from the repository root. */
    static final String REGENERATE = "./gan4j describe --markdown > docs/config-reference.md";

    /** The committed config reference, relative to the repository root. */
    static final String REFERENCE_FILE = "docs/config-reference.md";

    @Override
    public Integer call() {
        PrintWriter out = stdout();
        if (name == null) {
            out.print(markdown ? markdownReference() : textReference());
        } else if (name.equals("train")) {
            print(out, ConfigDescriber.train());
        } else if (name.equals("data")) {
            print(out, ConfigDescriber.data());
        } else if (name.equals("eval")) {
            print(out, ConfigDescriber.eval());
        } else {
            GanVariant v = Gan4jCli.registry().get(name);
            out.println(v.name() + ": " + v.description());
            out.println("paper: " + v.paper());
            print(out, ConfigDescriber.variant(v));
        }
        out.flush();
        return ExitCode.OK;
    }

    /**
     * The whole config reference as Markdown, exactly the content of {@code docs/config-reference.md}:
     * {@code ./gan4j describe --markdown} prints it, and {@code ConfigReferenceDocTest} fails when the committed file
     * differs.
     */
    static String markdownReference() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Config reference\n\n");
        sb.append("Every key of every config section, its type, default, allowed values and meaning.\n\n");
        sb.append("Generated from the config records' `@Doc` annotations, defaults and ranges by `").append(REGENERATE)
                .append("`; `ConfigReferenceDocTest` fails when this file is stale. `./gan4j describe dcgan` (or any")
                .append(" section) prints the same as text.\n\n");
        for (Section s : sections()) {
            sb.append("## ").append(s.markdownTitle()).append("\n\n");
            sb.append(ConfigDescriber.markdown(s.fields())).append('\n');
        }
        return sb.toString();
    }

    private static String textReference() {
        StringBuilder sb = new StringBuilder();
        for (Section s : sections()) {
            sb.append("== ").append(s.title()).append("\n\n");
            sb.append(ConfigDescriber.text(s.fields())).append('\n');
        }
        return sb.toString();
    }

    /** A section of the reference: its plain title (text output), its Markdown title and its fields. */
    private record Section(String title, String markdownTitle, List<ConfigDescriber.Field> fields) {
    }

    private static List<Section> sections() {
        List<Section> out = new ArrayList<>();
        out.add(new Section("train", "`train`", ConfigDescriber.train()));
        out.add(new Section("data", "`data`", ConfigDescriber.data()));
        out.add(new Section("eval", "`eval`", ConfigDescriber.eval()));
        for (GanVariant v : Gan4jCli.registry().variants()) {
            out.add(new Section("model (type " + v.name() + ")", "`model` (type `" + v.name() + "`)",
                    ConfigDescriber.variant(v)));
        }
        return out;
    }

    private void print(PrintWriter out, List<ConfigDescriber.Field> fields) {
        out.print(markdown ? ConfigDescriber.markdown(fields) : ConfigDescriber.text(fields));
    }
}
