package io.gan4j.core.data;

import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.Doc;
import io.gan4j.core.api.Range;
import io.gan4j.core.api.Required;
import io.gan4j.core.api.Validatable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A folder of PNG and JPEG images, e.g. photos for a DCGAN. Every image becomes one example {@code [C, S, S]} with
 * values in [-1, 1] ({@code C = channels}, {@code S = size}); a batch is {@code [N, C, S, S]}. Each image's shorter
 * side is scaled to {@code size} (area averaging when shrinking, bilinear when enlarging) and the centred
 * {@code size x size} square is kept; grey images are repeated into RGB, RGB images become grey by BT.601 luma
 * (details in {@code ImageResize}).
 *
 * <p><b>Layout.</b> Either every image lies directly in {@code dir} (unlabelled data), or {@code dir} holds one
 * folder per class (labelled data): the folder names, sorted, are classes 0..K-1 and become
 * {@link ArrayDataset#classNames()}. A class folder's images are found at any depth below it. Files whose names do
 * not end in {@code .png}, {@code .jpg} or {@code .jpeg} (any case) are skipped, and so are names starting with a
 * dot. It is an error to have both images directly in {@code dir} and class folders, or a class folder without
 * images, since either is almost always a mistake (a class with no examples would break class metrics).
 *
 * <p><b>Order.</b> Examples are in sorted order of their paths relative to {@code dir} (class by class), so the same
 * folder always gives the same data set; {@code limit} keeps the first N of the chosen split in that order.
 *
 * <p><b>Held-out split.</b> With {@code heldoutFraction = f > 0}, each class (or the whole unlabelled folder) puts
 * {@code round(f * n)} of its {@code n} images aside, at most {@code n - 1}: those first in the order of a fixed
 * 64-bit hash of their relative path. The choice is stratified, the same in every run and for every seed, and
 * adding images moves few others between the splits. {@code split = train} gives the rest, {@code split = heldout}
 * the images put aside, which evaluation uses as its reference. With {@code f = 0} there is no held-out split.
 *
 * <p><b>Memory.</b> Images are decoded one at a time straight into the data set's single {@code float[]}, so
 * loading needs the decoded data set ({@code 4 * N * C * S * S} bytes) plus one source image. Loading logs one
 * INFO line. Every problem is a one-line {@link DataException} naming the folder or file.
 */
@Doc("A folder of PNG/JPEG images, optionally one sub-folder per class, scaled and centre-cropped to size x size")
public record ImageFolderData(
        @Doc("Folder with the images, or with one sub-folder of images per class (folder names = class names)") @Required String dir,
        @Doc("Side of the square examples: the shorter side is scaled to it, then the centre is cropped") @Range(min = 1, max = 4096) int size,
        @Doc("Channels of the examples: 1 (grey) or 3 (RGB)") int channels,
        @Doc("Which split: train, or heldout (needs heldoutFraction > 0)") Split split,
        @Doc("Share of each class's images held out for evaluation, chosen by a fixed hash of their paths; 0 = no held-out split") @Range(min = 0, max = 1, maxExclusive = true) double heldoutFraction,
        @Doc("Use only the first N examples of the split, in sorted path order; 0 = all") @Range(min = 0) int limit)
        implements DataConfig, Validatable {

    /** File name endings that are read as images (compared in lower case). */
    public static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

    private static final Logger LOG = LoggerFactory.getLogger(ImageFolderData.class);

    public static ImageFolderData defaults() {
        return new ImageFolderData(null, 64, 3, Split.TRAIN, 0.0, 0);
    }

    @Override
    public void validate(String path, List<ConfigProblem> problems) {
        if (channels != 1 && channels != 3) {
            problems.add(ConfigProblem.of(path + ".channels", "must be 1 (grey) or 3 (RGB)", Integer.toString(channels)));
        }
        if (split == Split.HELDOUT && heldoutFraction == 0) {
            problems.add(new ConfigProblem(path + ".split", "must be train when heldoutFraction is 0", "'heldout'",
                    "set data.heldoutFraction, e.g. 0.1, to hold images out"));
        }
    }

    /**
     * Labelled when {@code dir} has at least one sub-folder (not starting with a dot), else unlabelled. This looks
     * at the folder; a folder that cannot be listed counts as unlabelled, and {@link #load} reports the problem.
     */
    @Override
    public DataKind kind() {
        if (dir == null) {
            return DataKind.UNLABELLED;
        }
        try (Stream<Path> entries = Files.list(Path.of(dir))) {
            return entries.anyMatch(p -> !hidden(p) && Files.isDirectory(p)) ? DataKind.LABELLED : DataKind.UNLABELLED;
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return DataKind.UNLABELLED;
        }
    }

    /**
     * Decodes the split's images.
     *
     * @param seed ignored: order and split depend only on the files
     * @return a data set named {@code folder/<dir name>} ({@code folder/<dir name>/train} or {@code .../heldout}
     *         when there is a held-out split): examples {@code [channels, size, size]} in [-1, 1]; labels in
     *         [0, K) and the K class names when {@code dir} has class folders
     * @throws DataException naming the folder or file: missing folder, no images, mixed layout, an empty class
     *                       folder, or an image that cannot be decoded
     */
    @Override
    public ArrayDataset load(long seed) {
        long start = System.nanoTime();
        Listing listing = list();
        List<Image> chosen = choose(listing.images());
        if (limit > 0 && chosen.size() > limit) {
            chosen = chosen.subList(0, limit);
        }
        Path root = Path.of(dir);
        if (chosen.isEmpty()) {
            throw new DataException("folder: " + root + ": the heldout split is empty (" + listing.images().size()
                    + " images, heldoutFraction " + heldoutFraction + "); raise data.heldoutFraction");
        }
        int sample = channels * size * size;
        long total = (long) chosen.size() * sample;
        if (total > Integer.MAX_VALUE - 8) {
            throw new DataException("folder: " + root + ": " + chosen.size() + " images of " + channels + "x" + size
                    + "x" + size + " are " + total + " values, more than one array holds; set data.limit or a"
                    + " smaller data.size");
        }
        float[] values = new float[(int) total];
        boolean labelled = !listing.classes().isEmpty();
        int[] labels = labelled ? new int[chosen.size()] : null;
        for (int i = 0; i < chosen.size(); i++) {
            Image image = chosen.get(i);
            ImageResize.toExample(decode(image.path()), size, channels, values, i * sample);
            if (labelled) {
                labels[i] = image.label();
            }
        }
        String name = "folder/" + folderName(root) + (heldoutFraction > 0 ? "/" + splitName() : "");
        ArrayDataset d = new ArrayDataset(name, values, new long[] {channels, size, size}, labels,
                listing.classes().size(), listing.classes());
        LOG.info("{}: {} images from {}{}, {}x{}x{}, in {} ms", name, chosen.size(), root,
                labelled ? " (" + listing.classes().size() + " classes)" : "", channels, size, size,
                (System.nanoTime() - start) / 1_000_000);
        return d;
    }

    /**
     * The class names: the sorted names of {@code dir}'s sub-folders, label {@code k} at index {@code k}; empty for
     * an unlabelled folder. Lists the folder without decoding any image.
     *
     * @throws DataException as {@link #load} does for the folder layout
     */
    public List<String> classNames() {
        return list().classes();
    }

    /** One image file and its label (0 when unlabelled); {@code relative} uses '/' on every platform. */
    private record Image(Path path, String relative, int label) {
    }

    private record Listing(List<Image> images, List<String> classes) {
    }

    private Listing list() {
        if (dir == null) {
            throw new DataException("folder: data.dir is not set; give the folder with the images");
        }
        Path root = Path.of(dir);
        if (!Files.exists(root)) {
            throw new DataException("folder: " + root + ": no such directory"
                    + MissingData.hint("$.data.dir", dir));
        }
        if (!Files.isDirectory(root)) {
            throw new DataException("folder: " + root + ": not a directory");
        }
        List<Path> entries = sorted(root, 1);
        List<Path> folders = entries.stream().filter(Files::isDirectory).toList();
        List<Path> loose = entries.stream().filter(ImageFolderData::isImage).toList();
        List<Image> images = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        if (folders.isEmpty()) {
            for (Path p : loose) {
                images.add(new Image(p, p.getFileName().toString(), 0));
            }
            if (images.isEmpty()) {
                throw new DataException("folder: " + root + ": no images found (accepted: " + accepted()
                        + ", directly in the folder or in one sub-folder per class)");
            }
            return new Listing(images, List.of());
        }
        if (!loose.isEmpty()) {
            throw new DataException("folder: " + root + ": has both images directly in it (" + sample(loose)
                    + ") and class folders (" + sample(folders) + "); put every image in a class folder, or"
                    + " remove the folders for unlabelled data");
        }
        for (Path folder : folders) {
            String className = folder.getFileName().toString();
            List<Path> files = sorted(folder, Integer.MAX_VALUE).stream().filter(ImageFolderData::isImage).toList();
            if (files.isEmpty()) {
                throw new DataException("folder: " + folder + ": class folder '" + className + "' has no images"
                        + " (accepted: " + accepted() + "); add images or remove the folder");
            }
            for (Path p : files) {
                images.add(new Image(p, relative(root, p), classes.size()));
            }
            classes.add(className);
        }
        return new Listing(images, List.copyOf(classes));
    }

    /** The images of the configured split, in listing order. */
    private List<Image> choose(List<Image> all) {
        if (heldoutFraction <= 0) {
            return all;
        }
        boolean heldout = split == Split.HELDOUT;
        List<Image> out = new ArrayList<>();
        int from = 0;
        while (from < all.size()) {
            int label = all.get(from).label();
            int to = from;
            while (to < all.size() && all.get(to).label() == label) {
                to++;
            }
            List<Image> group = all.subList(from, to);
            int n = group.size();
            int held = (int) Math.min(n - 1, Math.round(heldoutFraction * n));
            List<Image> byHash = new ArrayList<>(group);
            byHash.sort(Comparator.comparingLong((Image im) -> hash(im.relative())).thenComparing(Image::relative));
            Set<String> aside = new HashSet<>();
            for (Image im : byHash.subList(0, held)) {
                aside.add(im.relative());
            }
            for (Image im : group) {
                if (aside.contains(im.relative()) == heldout) {
                    out.add(im);
                }
            }
            from = to;
        }
        return out;
    }

    /** A fixed 64-bit hash of a relative path (FNV-1a over its UTF-8 bytes, then a SplitMix64 finaliser). */
    static long hash(String relative) {
        long h = 0xcbf29ce484222325L;
        for (byte b : relative.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    /**
     * The first {@code limit} images (0: all) of a folder that a paired or unpaired source requires, in
     * {@link #flatImages} order.
     *
     * @param source   the data type as the user names it, e.g. {@code aligned-folder}, to begin each error
     * @param dir      the configured {@code data.dir} the folder lies in
     * @param expected what {@code dir} should hold, after its name, e.g. {@code "/trainA, trainB, testA and testB"}
     * @throws DataException naming the folder when it is missing (with {@code expected} and the data hint) or has no
     *                       images
     */
    static List<Path> requiredImages(Path folder, String source, String dir, String expected, int limit) {
        if (!Files.isDirectory(folder)) {
            throw new DataException(source + ": " + folder + " is not a folder (expected " + Path.of(dir) + expected
                    + ")" + MissingData.hint("$.data.dir", dir));
        }
        List<Path> files = flatImages(folder, source);
        return limit > 0 && files.size() > limit ? files.subList(0, limit) : files;
    }

    /**
     * The images directly in {@code folder} (names not starting with '.', with an accepted extension), sorted by
     * path, for the folder formats of paired and unpaired data.
     *
     * @param source the data source's name, which starts the error messages
     * @throws DataException when the folder cannot be listed or holds no image
     */
    static List<Path> flatImages(Path folder, String source) {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> !hidden(p) && isImage(p)).sorted().collect(Collectors.toList());
        } catch (IOException | UncheckedIOException e) {
            throw new DataException(source + ": " + folder + ": cannot list: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new DataException(source + ": " + folder + " has no images (" + EXTENSIONS + ")");
        }
        return files;
    }

    /** Decodes a PNG or JPEG file; a {@link DataException} names the file when it cannot. */
    static BufferedImage decode(Path file) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            throw new DataException(file + ": cannot decode image: " + why.strip().replaceAll("\\s+", " "), e);
        }
        if (image == null) {
            throw new DataException(file + ": cannot decode image: not a PNG or JPEG file");
        }
        return image;
    }

    /** Entries of {@code folder} (down to {@code depth} levels), sorted by path, without names starting with '.'. */
    private static List<Path> sorted(Path folder, int depth) {
        // Links followed: a data folder is often a link to the data's real place, and without FOLLOW_LINKS a walk
        // of a link visits the link alone ("no images found"); a link loop is an IOException, reported below.
        try (Stream<Path> walk = Files.walk(folder, depth, FileVisitOption.FOLLOW_LINKS)) {
            return walk.filter(p -> !p.equals(folder) && !hiddenBelow(folder, p)).sorted().collect(Collectors.toList());
        } catch (IOException | UncheckedIOException e) {
            IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw new DataException("folder: " + folder + ": cannot list: " + io.getMessage(), io);
        }
    }

    private static boolean hiddenBelow(Path folder, Path p) {
        for (Path part : folder.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(n::endsWith) && Files.isRegularFile(p);
    }

    private static String relative(Path root, Path p) {
        List<String> parts = new ArrayList<>();
        for (Path part : root.relativize(p)) {
            parts.add(part.toString());
        }
        return String.join("/", parts);
    }

    private static String accepted() {
        return EXTENSIONS.stream().collect(Collectors.joining(", "));
    }

    private static String sample(List<Path> paths) {
        String first = paths.get(0).getFileName().toString();
        return paths.size() == 1 ? first : first + " and " + (paths.size() - 1) + " more";
    }

    private static String folderName(Path root) {
        Path abs = root.toAbsolutePath().normalize();
        return abs.getFileName() == null ? abs.toString() : abs.getFileName().toString();
    }

    private String splitName() {
        return split == Split.HELDOUT ? "heldout" : "train";
    }

    /** {@code [channels, size, size]} as configured. */
    @Override
    public long[] shapeWithoutLoading() {
        return new long[] {channels, size, size};
    }

    @Override
    public String resizeHint() {
        return "set data.size 28 and data.channels 1 to evaluate";
    }

    /** The held-out images (all of them) when {@code heldoutFraction > 0}, else null. */
    @Override
    public DataConfig heldout() {
        return heldoutFraction > 0 ? new ImageFolderData(dir, size, channels, Split.HELDOUT, heldoutFraction, 0) : null;
    }
}
