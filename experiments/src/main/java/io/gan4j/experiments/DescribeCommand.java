package io.gan4j.experiments;

import io.gan4j.core.api.GanVariant;
import io.gan4j.core.config.ConfigDescriber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code gan4j describe [vanilla|train|data|eval]}: the config reference, generated from the config records. */
@Command(name = "describe", description = "Print the config reference: every field with its type, default, allowed"
        + " range and meaning. NAME is a variant (its model section), 'train', 'data' or 'eval'; without NAME, all of them.")
final class DescribeCommand implements Callable<Integer>, WithoutNd4j {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "A variant name, 'train', 'data' or 'eval'.")
    String name;

    @Option(names = "--markdown", description = "Print Markdown tables (as in the README).")
    boolean markdown;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (name == null) {
            section(out, "train", ConfigDescriber.train());
            section(out, "data", ConfigDescriber.data());
            section(out, "eval", ConfigDescriber.eval());
            for (GanVariant v : Gan4jCli.registry().variants()) {
                section(out, "model (type " + v.name() + ")", ConfigDescriber.variant(v));
            }
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

    private void section(PrintWriter out, String title, List<ConfigDescriber.Field> fields) {
        out.println(markdown ? "### " + title : "== " + title);
        out.println();
        print(out, fields);
        out.println();
    }

    private void print(PrintWriter out, List<ConfigDescriber.Field> fields) {
        out.print(markdown ? ConfigDescriber.markdown(fields) : ConfigDescriber.text(fields));
    }
}
