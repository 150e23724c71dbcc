package io.gan4j.serve;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A run's sample grids as one looping animated GIF, written with javax.imageio's GIF writer: one frame per grid in
 * the order given, each at its own size in the top-left corner of a screen as large as the largest grid, shown for
 * the same delay; a NETSCAPE2.0 extension makes viewers loop forever. Grey grids (every pixel r = g = b) keep their
 * exact levels through a 256-grey palette; colour grids go through the writer's own quantisation to 256 colours.
 */
final class GridGif {
    /** Frames at most in one GIF: 500 grids of a 64-image MNIST grid are some 60 MB of GIF already. */
    static final int MAX_FRAMES = 500;
    private static final IndexColorModel GREYS = greys();

    private GridGif() {
    }

    /**
     * Picks {@code max} of {@code count} items spread evenly, first and last included (only the last when max is 1);
     * all of them when count &lt;= max. Returns their indices ascending.
     */
    static int[] thin(int count, int max) {
        if (count <= max) {
            return java.util.stream.IntStream.range(0, count).toArray();
        }
        int[] picked = new int[max];
        for (int i = 0; i < max; i++) {
            picked[i] = max == 1 ? count - 1 : (int) Math.round((double) i * (count - 1) / (max - 1));
        }
        return picked;
    }

    /**
     * Writes the PNGs {@code files} as frames shown {@code frameMillis} each (rounded to GIF's hundredths of a
     * second, 1 at least) to {@code out}, which stays open.
     */
    static void write(List<Path> files, int frameMillis, OutputStream out) throws IOException {
        int screenWidth = 0;
        int screenHeight = 0;
        for (Path file : files) {
            int[] size = size(file);
            screenWidth = Math.max(screenWidth, size[0]);
            screenHeight = Math.max(screenHeight, size[1]);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            writer.prepareWriteSequence(screen(writer, param, screenWidth, screenHeight));
            int delay = Math.max(1, Math.round(frameMillis / 10f));
            boolean first = true;
            for (Path file : files) {
                BufferedImage frame = frame(read(file));
                writer.writeToSequence(new IIOImage(frame, null, frameMetadata(writer, param, frame, delay, first)),
                        param);
                stream.flush();
                first = false;
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    private static BufferedImage read(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException(file.getFileName() + " is not an image ImageIO can read");
        }
        return image;
    }

    /** Width and height from the PNG header, without decoding the pixels. */
    private static int[] size(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); var iis = ImageIO.createImageInputStream(in)) {
            var readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new IOException(file.getFileName() + " is not an image ImageIO can read");
            }
            var reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        }
    }

    /** The grid as the GIF writer takes it: grey indexed exactly when every pixel is grey, else 24-bit RGB. */
    static BufferedImage frame(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        boolean grey = true;
        for (int p : rgb) {
            int r = (p >> 16) & 0xff;
            if (r != ((p >> 8) & 0xff) || r != (p & 0xff)) {
                grey = false;
                break;
            }
        }
        BufferedImage out = grey ? new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, GREYS)
                : new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        if (grey) {
            byte[] levels = new byte[rgb.length];
            for (int i = 0; i < rgb.length; i++) {
                levels[i] = (byte) (rgb[i] & 0xff);
            }
            out.getRaster().setDataElements(0, 0, w, h, levels);
        } else {
            out.setRGB(0, 0, w, h, rgb, 0, w);
        }
        return out;
    }

    private static IndexColorModel greys() {
        byte[] level = new byte[256];
        for (int i = 0; i < 256; i++) {
            level[i] = (byte) i;
        }
        return new IndexColorModel(8, 256, level, level, level);
    }

    private static IIOMetadata screen(ImageWriter writer, ImageWriteParam param, int width, int height)
            throws IOException {
        IIOMetadata meta = writer.getDefaultStreamMetadata(param);
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode screen = child(root, "LogicalScreenDescriptor");
        screen.setAttribute("logicalScreenWidth", Integer.toString(width));
        screen.setAttribute("logicalScreenHeight", Integer.toString(height));
        meta.setFromTree(format, root);
        return meta;
    }

    private static IIOMetadata frameMetadata(ImageWriter writer, ImageWriteParam param, BufferedImage frame,
                                             int delayCentiseconds, boolean first) throws IOException {
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), param);
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        // The default metadata's table is not the frame's palette (JDK 17 gives a stock one for an indexed type), and
        // a table in the metadata wins over the image's: without one the writer takes the frame's own palette.
        var tables = root.getElementsByTagName("LocalColorTable");
        if (tables.getLength() > 0) {
            root.removeChild(tables.item(0));
        }
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        // Cleared after showing, so a smaller grid after a larger one does not stand on the larger one's edges.
        control.setAttribute("disposalMethod", "restoreToBackgroundColor");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(delayCentiseconds));
        control.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] {1, 0, 0}); // sub-block 1: loop count 0 = forever (little-endian)
            child(root, "ApplicationExtensions").appendChild(loop);
        }
        meta.setFromTree(format, root);
        return meta;
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        for (int i = 0; i < parent.getLength(); i++) {
            if (parent.item(i).getNodeName().equals(name)) {
                return (IIOMetadataNode) parent.item(i);
            }
        }
        IIOMetadataNode made = new IIOMetadataNode(name);
        parent.appendChild(made);
        return made;
    }
}
