package io.gan4j.core.tensorboard;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The size and colour type of a PNG, read from its {@code IHDR} chunk (which the PNG format puts first), for the
 * {@code Summary.Image} that carries the encoded file.
 *
 * @param width      pixels
 * @param height     pixels
 * @param colorspace TensorBoard's channel count: 1 grey, 2 grey and alpha, 3 RGB (also palette images), 4 RGBA
 */
public record PngHeader(int width, int height, int colorspace) {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** Signature, chunk length, chunk type, width, height, bit depth, colour type. */
    private static final int HEADER_BYTES = 8 + 4 + 4 + 4 + 4 + 1 + 1;

    /** Reads the header of the PNG {@code png}; {@code source} names it in the error when it is not one. */
    public static PngHeader of(byte[] png, String source) {
        if (png.length < HEADER_BYTES || !Arrays.equals(png, 0, 8, SIGNATURE, 0, 8)
                || !"IHDR".equals(new String(png, 12, 4, StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException(source + ": not a PNG file");
        }
        ByteBuffer b = ByteBuffer.wrap(png); // PNG integers are big-endian, ByteBuffer's default
        int colorType = png[25];
        int colorspace = switch (colorType) {
            case 0 -> 1;
            case 4 -> 2;
            case 2, 3 -> 3;
            case 6 -> 4;
            default -> throw new IllegalArgumentException(source + ": unknown PNG colour type " + colorType);
        };
        return new PngHeader(b.getInt(16), b.getInt(20), colorspace);
    }
}
