package io.gan4j.experiments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged data files, each checked with {@code gan4j validate} (which loads the data) and a sample also with
 * {@code gan4j train}: every one must give exit code 2 and a single line naming the damaged file and what is wrong
 * with it, never a stack trace from deep inside ND4J. IDX files: truncated anywhere, wrong magic, wrong element
 * type, impossible shapes, trailing bytes, corrupt gzip, image/label count mismatch, labels out of range, missing,
 * empty, a folder; image folders: non-images with image names, empty and truncated images, no images at all.
 */
class DamagedDataCorpusTest {
    @TempDir
    Path tmp;

    private static final int N = 12;

    /** One damaged data set: what is wrong, the data block of the config, and the file the message must name. */
    record Case(String what, String data, String names) {
    }

    @Test
    void everyDamagedFileIsReportedOnOneLineWithItsName() throws IOException {
        List<Case> cases = idxCases();
        cases.addAll(folderCases());
        List<String> failures = new ArrayList<>();
        Map<String, Integer> kinds = new LinkedHashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Path cfg = tmp.resolve("cfg-" + i + ".json");
            Files.writeString(cfg, config(c.data()));
            check(c, CliTest.cli("validate", cfg.toString()), failures, "validate");
            if (i % 4 == 0) {
                check(c, CliTest.cli("train", cfg.toString(), "--set", "train.outputDir=" + tmp.resolve("runs")),
                        failures, "train");
            }
            kinds.merge(c.what().replaceAll(":.*", ""), 1, Integer::sum);
        }
        System.out.println("damaged data files reported cleanly: " + (cases.size() - failures.size()) + "/"
                + cases.size() + " " + kinds);
        // The Reliability table in docs/reliability.md quotes this count: change both together.
        assertEquals(33, cases.size(), "corpus size " + kinds);
        assertEquals(List.of(), failures, failures.size() + " of " + cases.size() + " not reported cleanly");
    }

    private static void check(Case c, CliTest.Result r, List<String> failures, String command) {
        String err = r.err().strip();
        String why = null;
        if (r.code() != 2) {
            why = "exit " + r.code();
        } else if (err.lines().count() != 1) {
            why = err.lines().count() + " lines";
        } else if (err.contains("Exception") || err.contains("\tat ")) {
            why = "exception in the message";
        } else if (!err.contains(c.names())) {
            why = "does not name " + c.names();
        }
        if (why != null) {
            failures.add(command + ", " + c.what() + ": " + why + "; stderr: " + err);
        }
    }

    private static String config(String data) {
        return """
                {"name": "damaged", "model": {"type": "vanilla", "latentDim": 4,
                   "generator": {"hidden": [8]}, "discriminator": {"hidden": [8]}},
                 "data": %s,
                 "train": {"iterations": 2, "batchSize": 4, "logEvery": 1, "sampleEvery": 2, "checkpointEvery": 2}}
                """.formatted(data);
    }

    private static String json(Path p) {
        return "\"" + p.toString().replace("\\", "\\\\") + "\"";
    }

    /** A valid raw IDX image file of N 8x8 images, as bytes. */
    private static byte[] images(int n, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * (dims.length + 1) + n * Arrays.stream(dims).reduce(1, (x, y) -> x * y));
        b.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) (dims.length + 1)).putInt(n);
        for (int d : dims) {
            b.putInt(d);
        }
        while (b.hasRemaining()) {
            b.put((byte) (b.position() % 251));
        }
        return b.array();
    }

    private static byte[] labels(int n, int value) {
        ByteBuffer b = ByteBuffer.allocate(8 + n);
        b.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) 1).putInt(n);
        for (int i = 0; i < n; i++) {
            b.put((byte) (value >= 0 ? value : i % 10));
        }
        return b.array();
    }

    private List<Case> idxCases() throws IOException {
        List<Case> cases = new ArrayList<>();
        byte[] good = images(N, 8, 8);
        Path goodLabels = tmp.resolve("good-labels.idx");
        Files.write(goodLabels, labels(N, -1));
        for (int cut : new int[] {0, 2, 4, 7, 11, 16, good.length / 2, good.length - 1}) {
            Path f = tmp.resolve("truncated-" + cut + ".idx");
            Files.write(f, Arrays.copyOf(good, cut));
            cases.add(new Case("truncated: images cut at byte " + cut + " of " + good.length,
                    "{\"source\": \"idx\", \"images\": " + json(f) + "}", f.getFileName().toString()));
        }
        byte[] magic = good.clone();
        magic[0] = (byte) 0xFF;
        cases.add(idx("wrong magic", "magic.idx", magic));
        byte[] type = good.clone();
        type[2] = (byte) 0x42;
        cases.add(idx("wrong element type", "type.idx", type));
        byte[] floats = good.clone();
        floats[2] = (byte) 0x0D;
        cases.add(idx("float images", "floats.idx", floats));
        cases.add(idx("rank 1 images", "rank1.idx", images(N)));
        cases.add(idx("zero images", "zero.idx", images(0, 8, 8)));
        cases.add(idx("zero-width images", "zerowidth.idx", images(N, 8, 0)));
        cases.add(idx("two-channel images", "twochannels.idx", images(N, 8, 8, 2)));
        byte[] huge = good.clone();
        ByteBuffer.wrap(huge).putInt(4, Integer.MAX_VALUE);
        cases.add(idx("count larger than the file", "huge.idx", huge));
        byte[] trailing = Arrays.copyOf(good, good.length + 5);
        cases.add(idx("trailing bytes", "trailing.idx", trailing));
        cases.add(idx("empty file", "empty.idx", new byte[0]));
        cases.add(idx("garbage", "garbage.idx", "this is not an IDX file at all\n".repeat(20).getBytes()));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(good);
        }
        byte[] corruptGzip = gz.toByteArray();
        for (int i = 20; i < corruptGzip.length - 8; i += 7) {
            corruptGzip[i] ^= 0x5A;
        }
        cases.add(idx("corrupt gzip", "corrupt.idx.gz", corruptGzip));
        cases.add(idx("gzip cut short", "short.idx.gz", Arrays.copyOf(gz.toByteArray(), gz.size() / 2)));
        Path missing = tmp.resolve("missing.idx");
        cases.add(new Case("missing file", "{\"source\": \"idx\", \"images\": " + json(missing) + "}", "missing.idx"));
        Path dir = Files.createDirectories(tmp.resolve("a-folder.idx"));
        cases.add(new Case("folder instead of file", "{\"source\": \"idx\", \"images\": " + json(dir) + "}",
                "a-folder.idx"));
        Path img = tmp.resolve("labelled.idx");
        Files.write(img, good);
        Path fewer = tmp.resolve("fewer-labels.idx");
        Files.write(fewer, labels(N - 1, -1));
        cases.add(new Case("count mismatch: " + N + " images, " + (N - 1) + " labels",
                "{\"source\": \"idx\", \"images\": " + json(img) + ", \"labels\": " + json(fewer) + "}",
                "fewer-labels.idx"));
        Path badLabels = tmp.resolve("labels-magic.idx");
        byte[] lm = labels(N, -1);
        lm[1] = 0x11;
        Files.write(badLabels, lm);
        cases.add(new Case("labels wrong magic",
                "{\"source\": \"idx\", \"images\": " + json(img) + ", \"labels\": " + json(badLabels) + "}",
                "labels-magic.idx"));
        Path cutLabels = tmp.resolve("labels-cut.idx");
        Files.write(cutLabels, Arrays.copyOf(labels(N, -1), 10));
        cases.add(new Case("labels truncated",
                "{\"source\": \"idx\", \"images\": " + json(img) + ", \"labels\": " + json(cutLabels) + "}",
                "labels-cut.idx"));
        Path imagesAsLabels = tmp.resolve("images-as-labels.idx");
        Files.write(imagesAsLabels, good);
        cases.add(new Case("an image file given as labels",
                "{\"source\": \"idx\", \"images\": " + json(img) + ", \"labels\": " + json(imagesAsLabels) + "}",
                "images-as-labels.idx"));
        return cases;
    }

    private Case idx(String what, String file, byte[] bytes) throws IOException {
        Path f = tmp.resolve(file);
        Files.write(f, bytes);
        return new Case(what, "{\"source\": \"idx\", \"images\": " + json(f) + "}", file);
    }

    private List<Case> folderCases() throws IOException {
        List<Case> cases = new ArrayList<>();
        byte[] png = png();
        cases.add(folder("text file named .png", "notes.png", "just some text".getBytes(), png));
        cases.add(folder("zero-byte image", "empty.jpg", new byte[0], png));
        cases.add(folder("truncated PNG", "cut.png", Arrays.copyOf(png, png.length / 2), png));
        cases.add(folder("PNG with garbage body", "garbled.png", garble(png), png));
        Path empty = Files.createDirectories(tmp.resolve("no-images"));
        Files.writeString(empty.resolve("readme.txt"), "no images here");
        cases.add(new Case("folder without images", "{\"source\": \"folder\", \"dir\": " + json(empty)
                + ", \"size\": 8, \"channels\": 1}", "no-images"));
        Path none = tmp.resolve("no-such-folder");
        cases.add(new Case("missing folder", "{\"source\": \"folder\", \"dir\": " + json(none)
                + ", \"size\": 8, \"channels\": 1}", "no-such-folder"));
        return cases;
    }

    /** A folder of valid images plus one damaged file; the message must name the damaged file. */
    private Case folder(String what, String badName, byte[] bad, byte[] png) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("folder-" + badName.replace('.', '-')));
        for (int i = 0; i < 6; i++) {
            Files.write(dir.resolve("ok-" + i + ".png"), png);
        }
        Files.write(dir.resolve(badName), bad);
        return new Case(what, "{\"source\": \"folder\", \"dir\": " + json(dir) + ", \"size\": 8, \"channels\": 1}",
                badName);
    }

    private static byte[] png() throws IOException {
        BufferedImage im = new BufferedImage(12, 10, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 12; x++) {
                im.setRGB(x, y, (x * 20) << 16 | (y * 25) << 8 | 90);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(im, "png", out);
        return out.toByteArray();
    }

    private static byte[] garble(byte[] png) {
        byte[] g = png.clone();
        for (int i = 40; i < g.length; i++) {
            g[i] = (byte) (i * 37);
        }
        return g;
    }
}
