package io.gan4j.experiments;

import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.EvaluationKind;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.LatentDistribution;
import io.gan4j.core.api.LatentGenerator;
import io.gan4j.core.api.LatentInterpolation;
import io.gan4j.core.api.SampleGrid;
import io.gan4j.core.data.IdxFile;
import io.gan4j.core.image.ImageGrid;
import io.gan4j.core.image.ScatterPlot;
import io.gan4j.core.run.ExperimentRunner;
import io.gan4j.core.run.ExperimentRunner.TrainedModel;
import io.gan4j.core.api.Seeds;
import io.gan4j.core.api.StepRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/**
 * {@code gan4j sample RUN_DIR|CHECKPOINT --n N --out FILE [--label K]}, or
 * {@code gan4j sample RUN_DIR|CHECKPOINT --interpolate [--rows R] [--cols C] [--label K] --out FILE.png}.
 */
@Command(name = "sample", description = "Generate samples from a trained model: a PNG grid, or an IDX file other tools"
        + " can read (images as unsigned bytes [N,H,W] or [N,H,W,C]; points as floats [N,D]). --label K asks a"
        + " conditional model for class K; --interpolate draws a PNG grid whose rows each walk from one random latent"
        + " code to another (spherical interpolation for a normal prior, linear for a uniform one).")
final class SampleCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "RUN_DIR|CHECKPOINT",
            description = "A run directory (uses its latest checkpoint) or a checkpoint directory.")
    Path source;

    /** Most samples one command writes: a PNG grid of more would be unreadable, and the values must fit an array. */
    static final int MAX_N = 100_000;
    /** Most values written, so the samples and their float copy fit the heap (1 GB as floats). */
    static final long MAX_VALUES = 1L << 28;

    @Option(names = "--n", description = "Number of samples (default 64, at most 100,000; not with --interpolate).")
    Integer n;

    @Option(names = "--label", paramLabel = "K", description = "Class of every sample, for a conditional model"
            + " (0 to its number of classes - 1). With --interpolate, every row; without, row r shows class r mod C.")
    Integer label;

    @Option(names = "--interpolate", description = "Write a PNG grid of latent interpolations instead of samples.")
    boolean interpolate;

    @Option(names = "--rows", defaultValue = "8", description = "Interpolation rows (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--cols", defaultValue = "10",
            description = "Interpolation steps per row, both ends included (default ${DEFAULT-VALUE}).")
    int cols;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Output file: .png, .idx or .idx.gz.")
    Path out;

    @Option(names = "--seed", description = "Seed of the latent codes (default: the run's preview seed, so the"
            + " first samples match the training grids).")
    Long seed;

    @Mixin
    BestCheckpoint checkpoint;

    @Override
    public Integer call() {
        int count = n != null ? n : 64;
        boolean png = checkArguments(count);
        TrainedModel trained = new ExperimentRunner(Gan4jCli.registry()).loadTrained(source, checkpoint.best);
        GanModel model = trained.model();
        String variant = trained.config().variant().name();
        checkModel(model, variant);
        long s = seed != null ? seed : new Seeds(trained.config().config().seed()).of(Seeds.PREVIEW);
        DataSpec data = trained.checkpoint().info().data();
        if ((double) count * data.sampleSize() > MAX_VALUES) {
            throw new UserInputException("--n " + count + " samples of " + data + " are more than one file can hold"
                    + " (" + MAX_VALUES + " values); ask for at most " + MAX_VALUES / data.sampleSize());
        }
        if (interpolate) {
            return interpolate(trained, model, variant, data, s);
        }
        INDArray samples = (label != null
                ? model.sample(count, filled(count, label), s)
                : model.sample(count, s)).castTo(DataType.FLOAT);
        write(trained, data, samples, count, png);
        stdout().println("wrote " + count + " samples" + (label != null ? " of class " + label : "")
                + " of " + trained.checkpoint().dir() + " (step " + trained.checkpoint().info().step() + ") to " + out);
        return ExitCode.OK;
    }

    /** The options that need no run: refused before the checkpoint is read. Returns whether --out is a PNG. */
    private boolean checkArguments(int count) {
        if (interpolate && n != null) {
            throw new UserInputException("--n does not apply to --interpolate; use --rows and --cols");
        }
        if (count < 1 || count > MAX_N) {
            throw new UserInputException("--n must be in [1, " + MAX_N + "], found " + count);
        }
        String file = out.getFileName().toString();
        boolean png = file.endsWith(".png");
        if (interpolate && !png) {
            throw new UserInputException("--interpolate writes a PNG grid: --out must end in .png, found " + out);
        }
        if (!png && !file.endsWith(".idx") && !file.endsWith(".idx.gz")) {
            throw new UserInputException("--out must end in .png, .idx or .idx.gz, found " + out);
        }
        if (interpolate && (rows < 1 || rows > 64 || cols < 2 || cols > 64)) {
            throw new UserInputException("--interpolate needs --rows in [1, 64] and --cols in [2, 64], found "
                    + rows + " and " + cols);
        }
        return png;
    }

    /** What the model declares must allow the request: samples (not translations), and a --label it has. */
    private void checkModel(GanModel model, String variant) {
        if (model.evaluationKind() != EvaluationKind.SAMPLES) {
            throw new UserInputException(source + ": variant '" + variant + "' translates images and has no latent"
                    + " code to sample from; 'gan4j evaluate " + source + "' scores it on held-out pairs and writes"
                    + " eval.png (input | output | target rows)");
        }
        if (label == null) {
            return;
        }
        if (model.numClasses() == 0) {
            throw new UserInputException(source + ": --label needs a conditional model, and variant '" + variant
                    + "' is not conditional");
        }
        if (label < 0 || label >= model.numClasses()) {
            throw new UserInputException("--label must be in [0, " + (model.numClasses() - 1) + "] for " + source
                    + ", found " + label);
        }
    }

    /** Samples as a PNG (image grid, or a scatter plot of 2-D points over the data's modes) or an IDX file. */
    private void write(TrainedModel trained, DataSpec data, INDArray samples, int count, boolean png) {
        float[] values = samples.dup().data().asFloat();
        long[] shape = data.sampleShape();
        if (png) {
            if (data.isImage()) {
                ImageGrid.write(grid(samples, count), out);
            } else if (shape.length == 1 && shape[0] == 2) {
                ScatterPlot.write(out, "samples of " + trained.checkpoint().dir(), null, values,
                        trained.config().config().data().modes().orElse(null));
            } else {
                throw new UserInputException("cannot draw " + data + " as PNG; write .idx or .idx.gz instead");
            }
        } else if (data.isImage()) {
            IdxFile.writeImages(out, values, count, (int) shape[0], (int) shape[1], (int) shape[2]);
        } else {
            int[] dims = new int[shape.length + 1];
            dims[0] = count;
            for (int i = 0; i < shape.length; i++) {
                dims[i + 1] = (int) shape[i];
            }
            IdxFile.writeFloats(out, values, dims);
        }
    }

    /**
     * Rows from one random latent code to another in {@code cols} steps; the end points are drawn from the model's
     * prior with the seed, the path is slerp for a normal prior and lerp for a uniform one.
     */
    private int interpolate(TrainedModel trained, GanModel model, String variant, DataSpec data, long s) {
        LatentGenerator g = model.latentGenerator().orElseThrow(() -> new UserInputException(source
                + ": --interpolate needs a model with latent codes, and variant '" + variant + "' has none"));
        if (!data.isImage()) {
            throw new UserInputException("--interpolate draws images, and " + data + " is not an image data set");
        }
        StepRandom random = new StepRandom(s);
        // Part by part (a plain code is one noise part: the same draws and path as before); a structured code's
        // categorical parts keep the start value along a row.
        INDArray from = g.latentCode().sample(random, DataType.DOUBLE, rows);
        INDArray to = g.latentCode().sample(random, DataType.DOUBLE, rows);
        INDArray z = LatentInterpolation.paths(g.latentCode(), from, to, cols, DataType.FLOAT);
        int[] labels = null;
        String[] captions = null;
        if (model.numClasses() > 0) {
            labels = new int[rows * cols];
            captions = new String[rows];
            for (int r = 0; r < rows; r++) {
                int k = label != null ? label : r % model.numClasses();
                java.util.Arrays.fill(labels, r * cols, (r + 1) * cols, k);
                captions[r] = Integer.toString(k);
            }
        }
        INDArray images = g.generate(z, labels).castTo(DataType.FLOAT);
        ImageGrid.write(new SampleGrid(images, rows, cols, captions), out);
        stdout().println("wrote " + rows + " interpolations of " + cols + " steps ("
                + (g.latentDistribution() == LatentDistribution.NORMAL ? "spherical" : "linear") + ") of "
                + trained.checkpoint().dir() + " (step " + trained.checkpoint().info().step() + ") to " + out);
        return ExitCode.OK;
    }

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    /** Arranges n images in a near-square grid, padding the last row with blank (black) tiles. */
    static SampleGrid grid(INDArray images, int n) {
        int cols = (int) Math.ceil(Math.sqrt(n));
        int rows = (n + cols - 1) / cols;
        if (rows * cols == n) {
            return new SampleGrid(images, rows, cols);
        }
        long[] shape = images.shape().clone();
        shape[0] = (long) rows * cols - n;
        INDArray blank = Nd4j.valueArrayOf(shape, -1.0, images.dataType());
        return new SampleGrid(Nd4j.concat(0, images, blank), rows, cols);
    }
}
