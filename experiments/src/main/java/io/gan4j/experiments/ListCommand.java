package io.gan4j.experiments;

import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.GanVariant;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code gan4j list}: the variants found on the class path. */
@Command(name = "list", description = "List the GAN variants with what they train on and the paper they implement.")
final class ListCommand extends CliCommand implements WithoutNd4j {
    @Override
    public Integer call() {
        PrintWriter out = stdout();
        int width = Gan4jCli.registry().names().stream().mapToInt(String::length).max().orElse(0);
        for (GanVariant v : Gan4jCli.registry().variants()) {
            String kinds = v.dataKinds().stream().map(DataKind::name).map(k -> k.toLowerCase(Locale.ROOT)).sorted()
                    .collect(Collectors.joining(", "));
            out.printf("%-" + width + "s  %s%n%" + width + "s  data: %s; paper: %s%n", v.name(), v.description(), "",
                    kinds, v.paper());
        }
        if (Gan4jCli.registry().names().isEmpty()) {
            out.println("no variants on the class path");
        }
        out.flush();
        return ExitCode.OK;
    }
}
