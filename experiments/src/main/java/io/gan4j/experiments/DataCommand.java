package io.gan4j.experiments;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/** {@code gan4j data shapes ...}: makes data sets on disk. */
@Command(name = "data", description = "Make data sets on disk.", subcommands = {DataCommand.Shapes.class})
final class DataCommand extends CommandGroup {

    /** The folder layouts {@code data shapes} writes. */
    enum Layout {
        /** A flat folder of scenes, for {@code folder} data (DCGAN). */
        images,
        /** pix2pix's {@code train/} and {@code val/} of A|B files: A = edge map, B = the scene. */
        aligned,
        /** CycleGAN's {@code trainA/ trainB/ testA/ testB/}: A = scenes, B = other scenes with hues turned 180°. */
        unaligned
    }

    /**
     * {@code gan4j data shapes}: RGB scenes of coloured shapes ({@link ShapeScenes}) in the folder layouts of the
     * image data sources. The same seed, size and count always give the same files.
     */
    @Command(name = "shapes", description = {
            "Render RGB scenes of coloured shapes in the folder layout a config reads:",
            "  images     DIR/shape-00000.png ...                        (data.source folder, DCGAN)",
            "  aligned    DIR/train/, DIR/val/: A|B files, A = edge map, B = scene  (aligned-folder, pix2pix)",
            "  unaligned  DIR/trainA, trainB, testA, testB: B = other scenes with hues turned 180 deg"
                    + "  (unaligned-folder, CycleGAN)",
            "The same --seed, --size and --count always give the same files. DIR must not exist yet (or be empty)."})
    static final class Shapes extends CliCommand {
        @Option(names = "--layout", required = true, paramLabel = "LAYOUT",
                description = "images, aligned or unaligned.")
        Layout layout;

        @Option(names = "--size", paramLabel = "PX", description = "Side of the square images (default: 64 for images,"
                + " 256 otherwise).")
        Integer size;

        @Option(names = "--count", paramLabel = "N", description = "Training images (pairs, per domain); default: 2000"
                + " for images, 200 otherwise.")
        Integer count;

        @Option(names = "--test-count", paramLabel = "N", description = "Held-out pairs (val/) or images per domain"
                + " (testA/, testB/); default: count/10, at least 1. Not for images.")
        Integer testCount;

        @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default:"
                + " data/generated/shapes-LAYOUT-SIZE, where the shipped *-rgb configs look).")
        Path out;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the scenes (default ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws IOException {
            int s = size != null ? size : layout == Layout.images ? 64 : 256;
            int n = count != null ? count : layout == Layout.images ? 2000 : 200;
            int t = checkCounts(s, n);
            Path dir = out != null ? out : Path.of("data", "generated",
                    "shapes-" + layout.name().toLowerCase(Locale.ROOT) + "-" + s);
            if (Files.exists(dir) && !(Files.isDirectory(dir) && isEmpty(dir))) {
                throw new UserInputException(dir + " already exists and is not an empty folder; choose another --out"
                        + " or remove it");
            }
            // Written to a sibling temporary folder and renamed at the end, so DIR is either complete or absent.
            Path parent = dir.toAbsolutePath().normalize().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".tmp-");
            try {
                render(tmp, n, t, s);
                if (Files.isDirectory(dir)) {
                    Files.delete(dir);
                }
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                deleteTree(tmp);
            }
            PrintWriter o = stdout();
            String what = switch (layout) {
                case images -> n + " images";
                case aligned -> n + " train and " + t + " val A|B pairs";
                case unaligned -> n + " train and " + t + " test images per domain";
            };
            o.println("wrote " + what + " of " + s + "x" + s + " RGB shapes (seed " + seed + ") to " + dir);
            o.flush();
            return ExitCode.OK;
        }

        /** Refuses a size or count out of range; returns the held-out count. */
        private int checkCounts(int s, int n) {
            if (s < 8 || s > 4096) {
                throw new UserInputException("--size must be between 8 and 4096, found " + s);
            }
            if (n < 1) {
                throw new UserInputException("--count must be at least 1, found " + n);
            }
            if (testCount != null && layout == Layout.images) {
                throw new UserInputException("--test-count is for the aligned and unaligned layouts, not images");
            }
            int t = testCount != null ? testCount : Math.max(1, n / 10);
            if (t < 1) {
                throw new UserInputException("--test-count must be at least 1, found " + t);
            }
            return t;
        }

        /** Writes the layout's files into {@code dir}: {@code n} training and {@code t} held-out ones, side {@code s}. */
        private void render(Path dir, int n, int t, int s) throws IOException {
            switch (layout) {
                case images -> {
                    for (int i = 0; i < n; i++) {
                        write(ShapeScenes.render(seed, i, s), dir.resolve(name("shape", i)));
                    }
                }
                case aligned -> {
                    aligned(dir.resolve("train"), 0, n, s);
                    aligned(dir.resolve("val"), n, t, s);
                }
                case unaligned -> {
                    // Domain A uses even scene numbers and B odd ones, so no B image is a recoloured A image.
                    unaligned(dir.resolve("trainA"), dir.resolve("trainB"), 0, n, s);
                    unaligned(dir.resolve("testA"), dir.resolve("testB"), n, t, s);
                }
            }
        }

        private void aligned(Path folder, int first, int n, int s) throws IOException {
            Files.createDirectories(folder);
            for (int i = 0; i < n; i++) {
                BufferedImage scene = ShapeScenes.render(seed, first + i, s);
                write(ShapeScenes.sideBySide(ShapeScenes.edges(scene), scene), folder.resolve(name("pair", i)));
            }
        }

        private void unaligned(Path a, Path b, int first, int n, int s) throws IOException {
            Files.createDirectories(a);
            Files.createDirectories(b);
            for (int i = 0; i < n; i++) {
                long scene = 2L * (first + i);
                write(ShapeScenes.render(seed, scene, s), a.resolve(name("a", i)));
                write(ShapeScenes.recolour(ShapeScenes.render(seed, scene + 1, s)), b.resolve(name("b", i)));
            }
        }

        private static String name(String prefix, int i) {
            return String.format(Locale.ROOT, "%s-%05d.png", prefix, i);
        }

        private static void write(BufferedImage image, Path file) throws IOException {
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IOException(file + ": no PNG writer");
            }
        }

        private static boolean isEmpty(Path dir) throws IOException {
            try (Stream<Path> s = Files.list(dir)) {
                return s.findAny().isEmpty();
            }
        }

        private static void deleteTree(Path root) throws IOException {
            if (!Files.exists(root)) {
                return;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
