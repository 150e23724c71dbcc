package io.gan4j.experiments;

import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The {@code --tensorboard} option of {@code train} and {@code resume}: a short form of its config key. */
final class TensorBoardOption {
    /** The config key the option sets. */
    static final String KEY = "train.tensorboard";

    @Option(names = "--tensorboard", description = "Also write TensorBoard event files into <run>/tensorboard/ (losses,"
            + " metrics and sample grids; open with: tensorboard --logdir runs/). Same as --set " + KEY + "=true.")
    boolean enabled;

    /** {@code overrides}, with {@code train.tensorboard=true} added when the option is given. */
    List<String> addTo(List<String> overrides) {
        if (!enabled) {
            return overrides;
        }
        List<String> all = new ArrayList<>(overrides);
        all.add(KEY + "=true");
        return all;
    }
}
