package io.gan4j.core.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds, byte by byte, the files that {@code FatbinReader} reads: an ELF64 little-endian shared object whose
 * {@code .nv_fatbin} section holds CUDA fat-binary containers. The layouts are written here from their
 * documentation (System V ELF-64 object file format; the fat-binary container and entry headers as open CUDA tooling
 * describes them), not from the reader, so a test can catch the reader getting an offset wrong.
 */
public final class FatbinElf {
    /** Fat-binary entry kinds. */
    public static final int PTX = 1;
    public static final int ELF = 2;

    private FatbinElf() {
    }

    /** One fat-binary entry: a kind, a target {@code sm_XY}, its header length and payload bytes. */
    public record Entry(int kind, int sm, int headerSize, byte[] payload) {
    }

    /** Machine code for {@code sm}, with the common 64-byte entry header. */
    public static Entry sass(int sm) {
        return new Entry(ELF, sm, 64, payload(sm));
    }

    /** PTX for {@code sm}, with the common 64-byte entry header. */
    public static Entry ptx(int sm) {
        return new Entry(PTX, sm, 64, payload(sm));
    }

    /**
     * A payload that a reader which scanned for magics instead of following sizes would misread: it holds a
     * container magic and an entry-looking header naming sm_35. Its length (53) is not a multiple of 8, as real
     * compressed payloads are not; the padding to 8 is added by {@link #container}.
     */
    private static byte[] payload(int seed) {
        ByteBuffer b = ByteBuffer.allocate(53).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xBA55ED50).putShort((short) 1).putShort((short) 16).putLong(64);
        b.putShort((short) ELF).putShort((short) 0x101).putInt(64).putLong(0).putInt(0).putInt(0).putInt(0).putInt(35);
        b.put(52, (byte) seed);
        return b.array();
    }

    /**
     * A container: header (magic 0xBA55ED50, version 1, header size 16, size of what follows), then per entry its
     * header (kind u16 at 0, 0x0101 u16 at 2, header size u32 at 4, payload size u64 at 8, compressed size u32 at 16,
     * u32 at 20, code version minor/major u16 at 24/26, sm u32 at 28, rest zero up to the header size), its payload
     * and zero padding to a multiple of 8 (the payload size field counts the padding, as nvcc writes it).
     */
    public static byte[] container(Entry... entries) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Entry e : entries) {
            int padded = (e.payload().length + 7) / 8 * 8;
            ByteBuffer h = ByteBuffer.allocate(e.headerSize()).order(ByteOrder.LITTLE_ENDIAN);
            h.putShort(0, (short) e.kind()).putShort(2, (short) 0x0101).putInt(4, e.headerSize()).putLong(8, padded);
            h.putInt(16, e.payload().length).putShort(24, (short) 7).putShort(26, (short) 1).putInt(28, e.sm());
            body.writeBytes(h.array());
            body.writeBytes(e.payload());
            body.writeBytes(new byte[padded - e.payload().length]);
        }
        ByteBuffer head = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        head.putInt(0xBA55ED50).putShort((short) 1).putShort((short) 16).putLong(body.size());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.array());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** Byte arrays one after the other (e.g. containers, or a container and padding). */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** An ELF64 file with sections {@code .text} (a decoy container for sm_35), {@code .nv_fatbin}, {@code .shstrtab}. */
    public static byte[] elf64(byte[] nvFatbin) {
        return elf64(".nv_fatbin", nvFatbin, false);
    }

    /**
     * An ELF64 little-endian file: the 64-byte ELF header, the sections' data, then the section header table with
     * a null section 0, {@code .text}, {@code sectionName} holding {@code data}, and {@code .shstrtab}.
     *
     * @param extendedIndex write {@code e_shstrndx} as SHN_XINDEX (0xFFFF) with the real index in section 0's
     *                      {@code sh_link}, as the ELF ABI allows
     */
    public static byte[] elf64(String sectionName, byte[] data, boolean extendedIndex) {
        byte[] text = container(new Entry(ELF, 35, 64, new byte[8]));
        byte[] names = ("\0.text\0" + sectionName + "\0.shstrtab\0").getBytes(StandardCharsets.US_ASCII);
        int textName = 1;
        int dataName = textName + ".text".length() + 1;
        int namesName = dataName + sectionName.length() + 1;

        long textOffset = 64;
        long dataOffset = align(textOffset + text.length, 16);
        long namesOffset = dataOffset + data.length;
        long shoff = align(namesOffset + names.length, 8);
        int shnum = 4;
        ByteBuffer f = ByteBuffer.allocate(Math.toIntExact(shoff + 64L * shnum)).order(ByteOrder.LITTLE_ENDIAN);
        f.put(0, new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
        f.putShort(16, (short) 3).putShort(18, (short) 62).putInt(20, 1);
        f.putLong(40, shoff).putShort(52, (short) 64).putShort(58, (short) 64).putShort(60, (short) shnum);
        f.putShort(62, (short) (extendedIndex ? 0xFFFF : 3));
        f.put((int) textOffset, text).put((int) dataOffset, data).put((int) namesOffset, names);
        int at = (int) shoff;
        if (extendedIndex) {
            f.putInt(at + 40, 3);
        }
        section(f, at + 64, textName, 1, textOffset, text.length);
        section(f, at + 128, dataName, 1, dataOffset, data.length);
        section(f, at + 192, namesName, 3, namesOffset, names.length);
        return f.array();
    }

    private static void section(ByteBuffer f, int at, int name, int type, long offset, long size) {
        f.putInt(at, name).putInt(at + 4, type).putLong(at + 24, offset).putLong(at + 32, size).putLong(at + 48, 1);
    }

    private static long align(long v, int to) {
        return (v + to - 1) / to * to;
    }

    /** The containers of the stock nd4j-cuda-11.6 1.0.0-M2.1 library's kind: machine code only. */
    public static List<Integer> stockSms() {
        return List.of(37, 50, 52, 60, 61, 70, 75, 80, 86);
    }
}
