package io.gan4j.experiments;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code gan4j new-variant NAME}: a new variant module, generated from gan-vanilla and registered in the build. */
@Command(name = "new-variant", description = {
        "Create the module gan-NAME in this gan4j checkout: gan-vanilla's current sources under the new name (package",
        "io.gan4j.NAME, classes NameConfig, NameGanModel, NameVariant, model.type \"NAME\"), registered in the root",
        "pom.xml and in experiments/pom.xml, with the starter config experiments/configs/NAME-ring8.json. It builds,",
        "passes the variant contract test and shows in `gan4j list` as it is; TODO(NAME) marks what to describe.",
        "Nothing is written when NAME is invalid or taken. docs/extending.md walks through the next steps."})
final class NewVariantCommand extends CliCommand implements WithoutNd4j {
    @Parameters(paramLabel = "NAME", description = "The variant's name: lower-case letters and digits, e.g. infogan.")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
            description = "A folder inside the gan4j checkout (default: the current folder).")
    Path dir;

    @Override
    public Integer call() throws IOException {
        Path root = VariantScaffold.findRoot(dir);
        VariantScaffold.Plan plan = VariantScaffold.plan(root, name, Gan4jCli.registry().names());
        VariantScaffold.write(plan);
        PrintWriter out = stdout();
        String module = plan.module();
        out.printf("created %s (variant \"%s\", package io.gan4j.%s) from %s in %s:%n", module, name, name,
                VariantScaffold.TEMPLATE_MODULE, root);
        plan.created().keySet().forEach(f -> out.println("  " + f));
        out.println("registered " + module + " in pom.xml (<modules>, <dependencyManagement>) and experiments/pom.xml"
                + " (runtime dependency)" + (plan.edited().containsKey(DescribeCommand.REFERENCE_FILE)
                ? "; its section added to " + DescribeCommand.REFERENCE_FILE : ""));
        if (!plan.left().isEmpty()) {
            out.println("left out (the template's own PyTorch fixtures): " + String.join(", ", plan.left()));
        }
        String config = "experiments/configs/" + name + "-" + VariantScaffold.STARTER_CONFIG + ".json";
        out.printf("""
                next:
                  mvn -B -pl %1$s -am verify -Dtest='%2$s*' -Dsurefire.failIfNoSpecifiedTests=false   # its tests
                  ./gan4j list                  # rebuilds the CLI; %3$s is listed
                  ./gan4j train %4$s --set train.iterations=200
                then write the model and fill in the TODO(%3$s) notes (docs/extending.md); after changing %5$sConfig:
                  ./gan4j describe --markdown > docs/config-reference.md
                """, module, VariantScaffold.pascalCase(name), name, config, VariantScaffold.pascalCase(name));
        out.flush();
        return ExitCode.OK;
    }
}
