package io.gan4j.core.tensorboard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The TFRecord framing of TensorFlow's record files, which event files use for each serialized {@code Event}:
 * <pre>
 *   uint64 length            (little-endian)
 *   uint32 masked_crc32c(length bytes)
 *   byte   data[length]
 *   uint32 masked_crc32c(data)
 * </pre>
 * The CRC is CRC-32C (Castagnoli), masked as TensorFlow's {@code crc32c.h} does so that a CRC stored inside data
 * that is itself checksummed does not weaken the outer check: rotate right by 15 bits, then add {@code 0xa282ead8}.
 */
public final class TfRecords {
    /** The constant TensorFlow adds to the rotated CRC ({@code kMaskDelta}). */
    static final int MASK_DELTA = 0xa282ead8;
    /** Bytes a record adds around its data: length, its CRC and the data's CRC. */
    public static final int OVERHEAD = 8 + 4 + 4;

    private TfRecords() {
    }

    /** The record of {@code data}: {@link #OVERHEAD} bytes more than {@code data}. */
    public static byte[] frame(byte[] data) {
        ByteBuffer record = ByteBuffer.allocate(OVERHEAD + data.length).order(ByteOrder.LITTLE_ENDIAN);
        record.putLong(data.length);
        record.putInt(maskedCrc32c(record.array(), 0, 8));
        record.put(data);
        record.putInt(maskedCrc32c(data, 0, data.length));
        return record.array();
    }

    /** The masked CRC-32C of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static int maskedCrc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return mask((int) crc.getValue());
    }

    /** TensorFlow's {@code crc32c::Mask}: {@code ((crc >>> 15) | (crc << 17)) + 0xa282ead8}, modulo 2^32. */
    public static int mask(int crc) {
        return Integer.rotateRight(crc, 15) + MASK_DELTA;
    }
}
