package io.gan4j.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/runs/ID/grids.gif over HTTP, decoded with ImageIO's own GIF reader and compared with the PNGs. */
class GridGifTest {
    /** One frame as the GIF reader gives it: pixels at the frame's own size, delay, and the loop extension. */
    private record Frame(BufferedImage image, int delayCentiseconds, boolean loopsForever) {
    }

    private static List<Frame> decode(byte[] gif) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
            reader.setInput(in);
            List<Frame> frames = new ArrayList<>();
            int n = reader.getNumImages(true);
            for (int i = 0; i < n; i++) {
                IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(i)
                        .getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode control = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
                boolean loop = false;
                var apps = root.getElementsByTagName("ApplicationExtension");
                for (int a = 0; a < apps.getLength(); a++) {
                    IIOMetadataNode app = (IIOMetadataNode) apps.item(a);
                    byte[] data = (byte[]) app.getUserObject();
                    loop |= "NETSCAPE".equals(app.getAttribute("applicationID"))
                            && "2.0".equals(app.getAttribute("authenticationCode"))
                            && data.length == 3 && data[0] == 1 && data[1] == 0 && data[2] == 0;
                }
                frames.add(new Frame(reader.read(i), Integer.parseInt(control.getAttribute("delayTime")), loop));
            }
            return frames;
        } finally {
            reader.dispose();
        }
    }

    /** A w x h grid whose pixel (x, y) has a value depending on x, y and seed, so frames and places differ. */
    private static BufferedImage grid(int w, int h, int seed, boolean colour) {
        BufferedImage image = new BufferedImage(w, h, colour ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = (seed * 61 + x * 7 + y * 13) % 256;
                if (colour) {
                    image.setRGB(x, y, (v << 16) | (((255 - v) & 0xff) << 8) | ((x * 40 + seed * 30) & 0xff));
                } else {
                    image.getRaster().setSample(x, y, 0, v);
                }
            }
        }
        return image;
    }

    /** A run directory with {@code grids} at steps 100, 200, ...; the RunFixture grids replaced. */
    private static Path runWithGrids(Path root, String name, List<BufferedImage> grids) throws IOException {
        Path dir = RunFixture.run(root, name, "20261206-010000", 10 * grids.size(), 10);
        for (int i = 0; i < grids.size(); i++) {
            Path file = dir.resolve("samples").resolve(String.format("step-%08d.png", (i + 1) * 100));
            ImageIO.write(grids.get(i), "png", file.toFile());
        }
        return dir;
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual, int tolerance, String what) {
        assertEquals(expected.getWidth(), actual.getWidth(), what + " width");
        assertEquals(expected.getHeight(), actual.getHeight(), what + " height");
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                int e = expected.getRGB(x, y);
                int a = actual.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = Math.abs(((e >> shift) & 0xff) - ((a >> shift) & 0xff));
                    assertTrue(d <= tolerance, what + " pixel (" + x + "," + y + ") is "
                            + Integer.toHexString(a & 0xffffff) + ", PNG has " + Integer.toHexString(e & 0xffffff));
                }
            }
        }
    }

    @Test
    void greyGridsOfDifferentSizesBecomeExactFramesInStepOrderThatLoop(@TempDir Path root) throws IOException {
        List<BufferedImage> grids = List.of(grid(12, 10, 1, false), grid(30, 22, 2, false), grid(12, 10, 3, false),
                grid(16, 16, 4, false));
        runWithGrids(root, "dcgan-mnist", grids);
        try (DashboardServer server = DashboardServer.start(List.of(root), "127.0.0.1", 0)) {
            RawHttp.Response r = RawHttp.get(server.port(), "/api/runs/dcgan-mnist@20261206-010000/grids.gif");
            assertEquals(200, r.status(), r.text());
            assertEquals("image/gif", r.header("Content-Type"));
            assertEquals("attachment; filename=\"dcgan-mnist@20261206-010000-grids.gif\"",
                    r.header("Content-Disposition"));
            List<Frame> frames = decode(r.body());
            assertEquals(4, frames.size());
            for (int i = 0; i < 4; i++) {
                assertSamePixels(grids.get(i), frames.get(i).image(), 0, "frame " + i);
                assertEquals(20, frames.get(i).delayCentiseconds(), "default 200 ms");
            }
            assertTrue(frames.get(0).loopsForever(), "NETSCAPE2.0 loop extension, loop count 0");

            List<Frame> thinned = decode(RawHttp.get(server.port(),
                    "/api/runs/dcgan-mnist@20261206-010000/grids.gif?maxFrames=2&frameMillis=750").body());
            assertEquals(2, thinned.size());
            assertSamePixels(grids.get(0), thinned.get(0).image(), 0, "thinned frame 0 = first grid");
            assertSamePixels(grids.get(3), thinned.get(1).image(), 0, "thinned frame 1 = last grid");
            assertEquals(75, thinned.get(1).delayCentiseconds());

            List<Frame> range = decode(RawHttp.get(server.port(),
                    "/api/runs/dcgan-mnist@20261206-010000/grids.gif?fromStep=150&toStep=300").body());
            assertEquals(2, range.size(), "steps 200 and 300");
            assertSamePixels(grids.get(1), range.get(0).image(), 0, "step 200");
            assertSamePixels(grids.get(2), range.get(1).image(), 0, "step 300");
        }
    }

    @Test
    void colourGridsComeThroughWithinThePalettesError(@TempDir Path root) throws IOException {
        List<BufferedImage> grids = List.of(grid(8, 8, 1, true), grid(8, 8, 2, true), grid(10, 6, 3, true));
        runWithGrids(root, "cyclegan-horses", grids);
        try (DashboardServer server = DashboardServer.start(List.of(root), "127.0.0.1", 0)) {
            List<Frame> frames = decode(RawHttp.get(server.port(),
                    "/api/runs/cyclegan-horses@20261206-010000/grids.gif").body());
            assertEquals(3, frames.size());
            for (int i = 0; i < 3; i++) {
                // GIF holds 256 colours a frame; the writer's octree may merge close ones, never by more than a few levels
                assertSamePixels(grids.get(i), frames.get(i).image(), 8, "colour frame " + i);
            }
        }
    }

    @Test
    void badQueriesAre400AndARunWithoutGridsIs404(@TempDir Path root) throws IOException {
        RunFixture.run(root, "vanilla-mnist", "20261206-010000", 30, 10);
        Path bare = RunFixture.run(root, "wgan-ring8", "20261206-010000", 5, 10);
        assertEquals(0, Files.list(bare.resolve("samples")).count());
        String gif = "/api/runs/vanilla-mnist@20261206-010000/grids.gif";
        try (DashboardServer server = DashboardServer.start(List.of(root), "127.0.0.1", 0)) {
            for (String query : List.of("?maxFrames=0", "?maxFrames=501", "?maxFrames=x", "?frameMillis=5",
                    "?frameMillis=1e3", "?fromStep=300&toStep=100", "?toStep=abc")) {
                RawHttp.Response r = RawHttp.get(server.port(), gif + query);
                assertEquals(400, r.status(), query);
                assertEquals(1, r.text().strip().lines().count(), query + ": " + r.text());
            }
            assertEquals(404, RawHttp.get(server.port(), "/api/runs/wgan-ring8@20261206-010000/grids.gif").status());
            assertEquals(404, RawHttp.get(server.port(), gif + "?fromStep=301").status());
            assertEquals(404, RawHttp.get(server.port(), "/api/runs/nope@1/grids.gif").status());
            assertEquals(200, RawHttp.get(server.port(), gif + "?maxFrames=500&frameMillis=10").status());
        }
    }

    @Test
    void thinningSpreadsFramesEvenlyKeepingFirstAndLast() {
        assertArrayEquals(new int[] {0, 1, 2}, GridGif.thin(3, 500));
        assertArrayEquals(new int[] {0, 5, 10}, GridGif.thin(11, 3));
        assertArrayEquals(new int[] {9}, GridGif.thin(10, 1));
        assertArrayEquals(new int[] {0, 3, 6, 9}, GridGif.thin(10, 4));
    }
}
