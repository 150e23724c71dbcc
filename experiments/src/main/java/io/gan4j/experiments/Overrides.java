package io.gan4j.experiments;

import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The {@code --set KEY=VALUE} option shared by the commands that read a config. */
final class Overrides {
    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a config value by its JSON path, e.g. --set train.iterations=500 "
                    + "--set model.generator.hidden=[128,128]. Repeatable.")
    List<String> values = new ArrayList<>();
}
