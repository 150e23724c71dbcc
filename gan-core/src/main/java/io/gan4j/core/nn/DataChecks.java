package io.gan4j.core.nn;

import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.DataSpec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The data checks a variant's {@code validate} shares with the others, by the networks it builds: convolutional
 * networks need square images of a size {@link ConvNets} supports; a generator for points must not squash its
 * output into a bounded range.
 */
public final class DataChecks {
    private DataChecks() {
    }

    /**
     * Adds a problem at {@code $.data} unless {@code data} is images {@code [C, H, W]} (an image-to-image model's
     * networks take nothing else).
     *
     * @return whether the data are images (no problem added)
     */
    public static boolean images(DataSpec data, List<ConfigProblem> problems) {
        if (data.isImage()) {
            return true;
        }
        problems.add(new ConfigProblem("$.data", "must be images [C, H, W]", data.name() + " "
                + Arrays.toString(data.sampleShape()), null));
        return false;
    }

    /**
     * Adds a problem at {@code $.data} unless {@code data} is images {@code [C, S, S]} that {@link ConvNets} can
     * build networks for.
     *
     * @return whether a problem was added
     */
    public static boolean convolutionalImages(DataSpec data, List<ConfigProblem> problems) {
        long[] shape = data.sampleShape();
        String found = data.name() + " " + Arrays.toString(shape);
        if (!data.isImage() || shape.length != 3) {
            problems.add(new ConfigProblem("$.data", "must be images [C, H, W] (the networks are convolutional)",
                    found, "use an MLP backbone for points"));
            return true;
        }
        String problem = ConvNets.unsupportedSize(shape[1], shape[2]);
        if (problem != null) {
            problems.add(new ConfigProblem("$.data", problem, found, null));
            return true;
        }
        return false;
    }

    /**
     * Images are scaled to [-1, 1], but other data (2-D points) can lie anywhere: adds a problem at {@code path}
     * when {@code data} is not images and {@code outputActivation} is bounded.
     *
     * @param path the JSON path of the generator's output activation, e.g. {@code $.model.generator.outputActivation}
     */
    public static void generatorReachesTheData(ActivationName outputActivation, String path, DataSpec data,
                                               List<ConfigProblem> problems) {
        double[] range = outputActivation.range();
        if (!data.isImage() && Double.isFinite(range[0] + range[1])) {
            problems.add(new ConfigProblem(path,
                    "must be unbounded (e.g. identity) for " + data.name() + ", whose values are not limited to ["
                            + range[0] + ", " + range[1] + "]",
                    "'" + outputActivation.name().toLowerCase(Locale.ROOT) + "'", null));
        }
    }

    /**
     * The checks for a variant whose backbone is chosen by config: {@link #convolutionalImages} for a
     * convolutional one, else {@link #generatorReachesTheData} for the MLP generator's output activation at
     * {@code $.model.generator.outputActivation}.
     */
    public static void backboneFitsTheData(boolean convolutional, ActivationName mlpGeneratorOutput, DataSpec data,
                                           List<ConfigProblem> problems) {
        if (convolutional) {
            convolutionalImages(data, problems);
        } else {
            generatorReachesTheData(mlpGeneratorOutput, "$.model.generator.outputActivation", data, problems);
        }
    }
}
