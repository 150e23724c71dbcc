package io.gan4j.experiments;

import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.SampleGrid;
import io.gan4j.core.data.IdxFile;
import io.gan4j.core.image.ImageGrid;
import io.gan4j.core.image.ScatterPlot;
import io.gan4j.core.run.ExperimentRunner;
import io.gan4j.core.run.ExperimentRunner.TrainedModel;
import io.gan4j.core.run.Seeds;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code gan4j sample RUN_DIR|CHECKPOINT --n N --out FILE}. */
@Command(name = "sample", description = "Generate samples from a trained model: a PNG grid, or an IDX file other tools"
        + " can read (images as unsigned bytes [N,H,W] or [N,H,W,C]; points as floats [N,D]).")
final class SampleCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR|CHECKPOINT",
            description = "A run directory (uses its latest checkpoint) or a checkpoint directory.")
    Path source;

    @Option(names = "--n", defaultValue = "64", description = "Number of samples (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Output file: .png, .idx or .idx.gz.")
    Path out;

    @Option(names = "--seed", description = "Seed of the latent codes (default: the run's preview seed, so the"
            + " first samples match the training grids).")
    Long seed;

    @Option(names = "--best", description = "Use the run's best checkpoint instead of the latest, when one is marked.")
    boolean best;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (n < 1) {
            throw new UserInputException("--n must be at least 1, found " + n);
        }
        String file = out.getFileName().toString();
        boolean png = file.endsWith(".png");
        if (!png && !file.endsWith(".idx") && !file.endsWith(".idx.gz")) {
            throw new UserInputException("--out must end in .png, .idx or .idx.gz, found " + out);
        }
        TrainedModel trained = new ExperimentRunner(Gan4jCli.registry()).loadTrained(source, best);
        long s = seed != null ? seed : new Seeds(trained.config().config().seed()).of(Seeds.PREVIEW);
        DataSpec data = trained.checkpoint().info().data();
        INDArray samples = trained.model().sample(n, s).castTo(DataType.FLOAT);
        float[] values = samples.dup().data().asFloat();
        long[] shape = data.sampleShape();
        if (png) {
            if (data.isImage()) {
                ImageGrid.write(grid(samples, n), out);
            } else if (shape.length == 1 && shape[0] == 2) {
                ScatterPlot.write(out, "samples of " + trained.checkpoint().dir(), null, values,
                        ExperimentRunner.mixtureOf(trained.config().config().data()));
            } else {
                throw new UserInputException("cannot draw " + data + " as PNG; write .idx or .idx.gz instead");
            }
        } else if (data.isImage()) {
            IdxFile.writeImages(out, values, n, (int) shape[0], (int) shape[1], (int) shape[2]);
        } else {
            int[] dims = new int[shape.length + 1];
            dims[0] = n;
            for (int i = 0; i < shape.length; i++) {
                dims[i + 1] = (int) shape[i];
            }
            IdxFile.writeFloats(out, values, dims);
        }
        spec.commandLine().getOut().println("wrote " + n + " samples of " + trained.checkpoint().dir()
                + " (step " + trained.checkpoint().info().step() + ") to " + out);
        return ExitCode.OK;
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
