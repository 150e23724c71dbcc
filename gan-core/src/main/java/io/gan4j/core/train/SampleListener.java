package io.gan4j.core.train;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.SampleGrid;
import io.gan4j.core.data.GaussianMixture2D;
import io.gan4j.core.image.ImageGrid;
import io.gan4j.core.image.ScatterPlot;
import io.gan4j.core.io.AtomicFiles;
import io.gan4j.core.metrics.ModeCoverage;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writes what the generator makes every {@code every} steps and at the end, always from the same latent codes
 * (the run's preview seed) so successive images are comparable: {@code samples/step-00000100.png}, and a copy of
 * the newest as {@code samples/latest.png}. Images are shown as the grid the model makes of fixed data examples
 * ({@link io.gan4j.core.api.GanModel#sampleGrid(int, int, Batch, long)}: samples, or a translation model's input |
 * output | target rows);
 * 2-D points as a scatter plot over the real data, with the mode coverage in the title when the data is a known
 * Gaussian mixture.
 */
public final class SampleListener extends PeriodicListener {
    private static final Logger LOG = LoggerFactory.getLogger(SampleListener.class);
    /** Points drawn for a scatter plot and its mode-coverage figure (PacGAN's sample count). */
    static final int SCATTER_POINTS = 2500;

    private final Path dir;
    private final int grid;
    private final GaussianMixture2D mixture;
    private final Batch examples;

    /**
     * @param dir      the run's samples directory
     * @param every    period in steps; 0 = only at the end
     * @param grid     rows and columns of an image grid
     * @param mixture  the data's mixture for 2-D data (marks its modes and scores coverage), or null
     * @param examples the fixed data examples every grid is handed
     *                 ({@link io.gan4j.core.data.DataConfig#previewExamples}); the model decides whether to show them
     */
    public SampleListener(Path dir, int every, int grid, GaussianMixture2D mixture, Batch examples) {
        super(every);
        this.dir = dir;
        this.grid = grid;
        this.mixture = mixture;
        this.examples = Objects.requireNonNull(examples, "examples");
    }

    /** The image of {@code step} in the samples directory {@code dir}: {@code step-00000100.png} for step 100. */
    public static Path gridFile(Path dir, long step) {
        return dir.resolve(String.format("step-%08d.png", step));
    }

    /** The grid of the step a run resumes from was written before it stopped; a new run shows nothing untrained. */
    @Override
    protected long writtenBefore(TrainingRun run) {
        return run.startStep();
    }

    @Override
    protected void write(TrainingRun run, long step) {
        Path png = gridFile(dir, step);
        if (run.spec().isImage()) {
            SampleGrid g = run.model().sampleGrid(grid, grid, examples, run.previewSeed());
            ImageGrid.write(g, png);
        } else if (Arrays.equals(run.spec().sampleShape(), new long[] {2})) {
            INDArray points = run.model().sample(SCATTER_POINTS, run.previewSeed());
            float[] generated = points.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).data().asFloat();
            float[] real = Arrays.copyOf(run.data().values(), Math.min(run.data().values().length, 2 * SCATTER_POINTS));
            String title = "step " + step;
            if (mixture != null) {
                ModeCoverage c = ModeCoverage.of(generated, mixture);
                title += String.format(" - modes %d/%d, high quality %.0f%%", c.modesCovered(), c.numModes(),
                        100 * c.highQualityShare());
                LOG.info("step {}: {}", step, c);
            }
            ScatterPlot.write(png, title, real, generated, mixture);
        } else {
            return;
        }
        try {
            byte[] bytes = Files.readAllBytes(png);
            AtomicFiles.write(dir.resolve("latest.png"), out -> out.write(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(dir.resolve("latest.png") + ": " + e.getMessage(), e);
        }
    }
}
