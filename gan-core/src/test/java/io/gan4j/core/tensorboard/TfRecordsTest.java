package io.gan4j.core.tensorboard;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The record framing against values worked out independently: CRC-32C against the test vectors of RFC 3720
 * (iSCSI, appendix B.4), the mask by hand from TensorFlow's formula, and two whole records computed by a bit-by-bit
 * CRC-32C (polynomial 0x82F63B78) written apart from gan4j.
 */
class TfRecordsTest {

    /** RFC 3720 B.4: 32 bytes of zeros, of ones, ascending and descending; the common "123456789" check value. */
    @Test
    void crc32cMatchesTheRfc3720Vectors() {
        byte[] ascending = new byte[32];
        byte[] descending = new byte[32];
        byte[] ones = new byte[32];
        for (int i = 0; i < 32; i++) {
            ascending[i] = (byte) i;
            descending[i] = (byte) (31 - i);
            ones[i] = (byte) 0xff;
        }
        assertEquals(0x8a9136aaL, crc(new byte[32]));
        assertEquals(0x62a8ab43L, crc(ones));
        assertEquals(0x46dd794eL, crc(ascending));
        assertEquals(0x113fdb5cL, crc(descending));
        assertEquals(0xe3069283L, crc("123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * 0x8a9136aa rotated right by 15 is 0x00011522 | 0x6d540000 = 0x6d551522; plus 0xa282ead8 is 0x10fd7fffa,
     * which wraps to 0x0fd7fffa.
     */
    @Test
    void maskRotatesRightBy15AndAddsTheDelta() {
        assertEquals(0x0fd7fffa, TfRecords.mask(0x8a9136aa));
        assertEquals(0xa282ead8, TfRecords.mask(0));
        assertEquals(0x0fd7fffa, TfRecords.maskedCrc32c(new byte[32], 0, 32));
        assertEquals(0xc78ab0e5, TfRecords.maskedCrc32c("x123456789".getBytes(StandardCharsets.US_ASCII), 1, 9));
    }

    @Test
    void frameIsLengthCrcDataCrc() {
        // length 5 | masked CRC of the 8 length bytes | "gan4j" | masked CRC of "gan4j"; all little-endian.
        assertEquals("0500000000000000" + "eab2043e" + "67616e346a" + "0c41101d",
                HexFormat.of().formatHex(TfRecords.frame("gan4j".getBytes(StandardCharsets.US_ASCII))));
        // An empty record: the CRC of no data is 0, whose mask is the delta itself.
        assertEquals("0000000000000000" + "29039807" + "d8ea82a2", HexFormat.of().formatHex(TfRecords.frame(new byte[0])));
    }

    private static long crc(byte[] bytes) {
        CRC32C c = new CRC32C();
        c.update(bytes);
        return c.getValue();
    }
}
