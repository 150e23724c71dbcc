package io.gan4j.serve;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * A big finished run laid out as the trainer writes one (compare a real run's directory): {@code metrics.csv} with
 * the trainer's columns ({@code step, elapsed_s, ms_per_step, d_loss, g_loss, d_real, d_fake}, six significant
 * digits) for every step 1..steps, {@code eval.csv} with the full evaluation's 14 columns every {@code steps / grids}
 * steps, a 288x288 8-bit grey sample grid (8x8 tiles of strokes over noise, about as large as a real one) at each
 * evaluation, a checkpoint every tenth of the run with {@code latest} and {@code best}, the manifest and the
 * resolved config. Deterministic for a seed.
 */
final class BigRunFixture {
    static final int GRID_SIDE = 288;
    private static final String EVAL_HEADER = "step,eval_seconds,fid,kid,kid_std,is,is_std,precision,recall,density,"
            + "coverage,classes_covered,class_kl_uniform,class_kl_reference";

    private BigRunFixture() {
    }

    /** Writes {@code <root>/<name>/<stamp>/} and returns it; grids are copied from {@code gridsFrom} when given. */
    static Path run(Path root, String name, String stamp, int steps, int grids, long seed, Path gridsFrom)
            throws IOException {
        Path dir = Files.createDirectories(root.resolve(name).resolve(stamp));
        Random random = new Random(seed);
        Files.writeString(dir.resolve("config.json"), "{\"name\": \"" + name + "\", \"variant\": \"vanilla\"}\n");
        Files.writeString(dir.resolve("config.resolved.json"), config(name, steps, steps / grids));
        RunFixture.manifest(dir, name, "completed", (long) steps, steps);
        metrics(dir.resolve("metrics.csv"), steps, random);
        eval(dir.resolve("eval.csv"), steps, steps / grids, random);
        Path samples = Files.createDirectories(dir.resolve("samples"));
        for (int i = 1; i <= grids; i++) {
            String file = String.format("step-%08d.png", (long) i * (steps / grids));
            if (gridsFrom == null) {
                Files.write(samples.resolve(file), grid(random));
            } else {
                Files.copy(gridsFrom.resolve("samples").resolve(file), samples.resolve(file));
            }
        }
        Files.copy(samples.resolve(String.format("step-%08d.png", (long) grids * (steps / grids))),
                samples.resolve("latest.png"));
        checkpoints(dir.resolve("checkpoints"), steps);
        return dir;
    }

    private static void metrics(Path file, int steps, Random random) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("step,elapsed_s,ms_per_step,d_loss,g_loss,d_real,d_fake\n");
            double elapsed = 0;
            for (int step = 1; step <= steps; step++) {
                double ms = 45 + 10 * random.nextDouble();
                elapsed += ms / 1000;
                double d = 0.6 + 0.3 * Math.exp(-step / 20000.0) + 0.15 * random.nextGaussian();
                double g = 1.2 - 0.4 * Math.exp(-step / 20000.0) + 0.3 * random.nextGaussian();
                out.write(step + "," + g6(elapsed) + "," + g6(ms) + "," + g6(d) + "," + g6(g) + ","
                        + g6(0.7 + 0.1 * random.nextDouble()) + "," + g6(0.3 + 0.1 * random.nextDouble()) + "\n");
            }
        }
    }

    private static void eval(Path file, int steps, int every, Random random) throws IOException {
        StringBuilder out = new StringBuilder(EVAL_HEADER).append('\n');
        for (int step = every; step <= steps; step += every) {
            out.append(step);
            double fid = 20 + 300.0 * every / step;
            for (double v : new double[] {2 + random.nextDouble(), fid, fid / 25, 0.2, 1 + 8.0 * step / steps, 0.05,
                    0.9, 0.5 * step / steps, 1.5, 0.6, 10, 0.05, 0.06}) {
                out.append(',').append(g6(v));
            }
            out.append('\n');
        }
        Files.writeString(file, out);
    }

    private static String g6(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** 8x8 tiles of 36x36: two thick strokes over faint noise, as GAN samples look; 20-40 KB as a PNG. */
    static byte[] grid(Random random) throws IOException {
        BufferedImage image = new BufferedImage(GRID_SIDE, GRID_SIDE, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < GRID_SIDE; y++) {
            for (int x = 0; x < GRID_SIDE; x++) {
                image.getRaster().setSample(x, y, 0, random.nextInt(100) < 30 ? random.nextInt(40) : 0);
            }
        }
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(3.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int tile = 0; tile < 64; tile++) {
            int x0 = (tile % 8) * 36 + 4;
            int y0 = (tile / 8) * 36 + 4;
            g.drawArc(x0 + random.nextInt(8), y0 + random.nextInt(8), 12 + random.nextInt(12), 12 + random.nextInt(12),
                    random.nextInt(360), 120 + random.nextInt(240));
            g.drawLine(x0 + random.nextInt(28), y0 + random.nextInt(28), x0 + random.nextInt(28),
                    y0 + random.nextInt(28));
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static void checkpoints(Path dir, int steps) throws IOException {
        Files.createDirectories(dir);
        for (int i = 1; i <= 10; i++) {
            Path cp = Files.createDirectories(dir.resolve(String.format("step-%08d", (long) i * steps / 10)));
            Files.writeString(cp.resolve("checkpoint.json"), "{\"step\": " + (long) i * steps / 10 + "}\n");
        }
        Files.writeString(dir.resolve("latest"), String.format("step-%08d%n", steps));
        Files.writeString(dir.resolve("best"), String.format("step-%08d%n", steps / 2));
    }

    private static String config(String name, int steps, int every) {
        return "{\n  \"name\": \"" + name + "\",\n  \"seed\": 1,\n  \"variant\": \"vanilla\",\n  \"model\": {\n"
                + "    \"type\": \"vanilla\",\n    \"latentDim\": 100,\n    \"generator\": {\"hidden\": [256, 512, 1024],"
                + " \"activation\": \"leakyrelu\", \"batchNorm\": true, \"outputActivation\": \"tanh\"},\n"
                + "    \"discriminator\": {\"hidden\": [512, 256], \"activation\": \"leakyrelu\"},\n"
                + "    \"loss\": \"non-saturating\",\n"
                + "    \"generatorOptimizer\": {\"type\": \"adam\", \"lr\": 2.0E-4, \"beta1\": 0.5, \"beta2\": 0.999}\n"
                + "  },\n  \"data\": {\"source\": \"mnist\", \"split\": \"train\"},\n"
                + "  \"train\": {\"iterations\": " + steps + ", \"batchSize\": 64, \"logEvery\": 1, \"sampleEvery\": "
                + every + ", \"sampleGrid\": 8, \"checkpointEvery\": " + steps / 10 + ", \"outputDir\": \"runs\"},\n"
                + "  \"eval\": {\"every\": " + every + ", \"samples\": 2000, \"metric\": \"fid\"}\n}\n";
    }
}
