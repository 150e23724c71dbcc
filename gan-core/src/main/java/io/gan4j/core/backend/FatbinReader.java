package io.gan4j.core.backend;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads which CUDA architectures a shared library has device code for, from its {@code .nv_fatbin} ELF section,
 * the way {@code cuobjdump --list-elf --list-ptx} would, without decompressing anything: only the section headers
 * and the fat-binary entry headers are read, so a 900 MB library costs a few thousand small reads.
 *
 * <p>Layouts used (all little-endian):
 * <ul>
 *   <li>ELF64 (System V ABI): {@code e_ident} = 7F 'E' 'L' 'F', class 2 (64-bit), data 1 (little-endian);
 *       {@code e_shoff} u64 at 0x28, {@code e_shentsize} u16 at 0x3A, {@code e_shnum} u16 at 0x3C,
 *       {@code e_shstrndx} u16 at 0x3E (0 and 0xFFFF mean "see section 0", as the ABI allows); each section header
 *       has {@code sh_name} u32 at 0, {@code sh_type} u32 at 4, {@code sh_offset} u64 at 24, {@code sh_size} u64 at 32,
 *       {@code sh_link} u32 at 40.</li>
 *   <li>The section holds fat-binary containers one after another, each: magic u32 {@code 0xBA55ED50}, version u16,
 *       header size u16 (where the first entry starts, 16), size u64 of the entries that follow. Each entry: kind u16
 *       (1 = PTX, 2 = ELF machine code), u16, header size u32 (where its payload starts), payload size u64, ...,
 *       the target {@code sm_XY} as a u32 at offset 28; the next entry follows the payload. This is the layout of
 *       {@code fatBinaryHeader} / {@code fat_text_header} that open CUDA tooling (gpgpu-sim, cuda-fatbin
 *       decompressors, nvopen-tools' format notes) reads.</li>
 * </ul>
 */
public final class FatbinReader {
    /** {@code FATBIN_MAGIC}: the first word of every container. */
    static final int FATBIN_MAGIC = 0xBA55ED50;
    /** Entry kinds. */
    static final int KIND_PTX = 1;
    static final int KIND_ELF = 2;
    static final String SECTION = ".nv_fatbin";

    private static final int SHT_NOBITS = 8;
    private static final int MIN_ENTRY_HEADER = 32;

    private final FileChannel channel;
    private final Path file;
    private final long fileSize;

    private FatbinReader(FileChannel channel, Path file) throws IOException {
        this.channel = channel;
        this.file = file;
        this.fileSize = channel.size();
    }

    /**
     * The device code in {@code library}'s {@code .nv_fatbin} section.
     *
     * @throws IOException if the file cannot be read, is not a 64-bit little-endian ELF file, has no
     *                     {@code .nv_fatbin} section, or the section is not a sequence of fat-binary containers;
     *                     the message says which, with the file's path
     */
    public static FatBinary read(Path library) throws IOException {
        try (FileChannel ch = FileChannel.open(library, StandardOpenOption.READ)) {
            return new FatbinReader(ch, library).read();
        }
    }

    private FatBinary read() throws IOException {
        long[] section = findSection(SECTION);
        List<CudaCode> codes = new ArrayList<>();
        readContainers(section[0], section[0] + section[1]).forEach(codes::addAll);
        if (codes.isEmpty()) {
            throw fail("its " + SECTION + " section holds no PTX or machine-code entries");
        }
        return new FatBinary(codes, "read from " + file);
    }

    /** {offset, size} of the named section. */
    private long[] findSection(String wanted) throws IOException {
        ByteBuffer ident = read(0, 64);
        if (ident.getInt(0) != 0x464C457F) {
            throw fail("it is not an ELF file");
        }
        if (ident.get(4) != 2 || ident.get(5) != 1) {
            throw fail("it is not a 64-bit little-endian ELF file");
        }
        long shoff = ident.getLong(0x28);
        int shentsize = Short.toUnsignedInt(ident.getShort(0x3A));
        long shnum = Short.toUnsignedInt(ident.getShort(0x3C));
        int shstrndx = Short.toUnsignedInt(ident.getShort(0x3E));
        if (shoff == 0) {
            throw fail("it has no section headers");
        }
        if (shentsize < 64) {
            throw fail("its section headers are " + shentsize + " bytes, less than ELF64's 64");
        }
        if (shnum == 0 || shstrndx == 0xFFFF) {
            // More than 0xFF00 sections: the real count and string-table index live in section 0.
            ByteBuffer first = read(shoff, 64);
            if (shnum == 0) {
                shnum = first.getLong(32);
            }
            if (shstrndx == 0xFFFF) {
                shstrndx = first.getInt(40);
            }
        }
        if (shstrndx >= shnum || shoff + shnum * shentsize > fileSize) {
            throw fail("its section header table is out of bounds");
        }
        ByteBuffer headers = read(shoff, Math.toIntExact(shnum * shentsize));
        long namesOffset = headers.getLong(shstrndx * shentsize + 24);
        long namesSize = headers.getLong(shstrndx * shentsize + 32);
        if (namesOffset + namesSize > fileSize || namesSize > Integer.MAX_VALUE) {
            throw fail("its section name table is out of bounds");
        }
        ByteBuffer names = read(namesOffset, (int) namesSize);
        return sectionNamed(wanted, headers, names, shnum, shentsize);
    }

    /** {offset, size} of the section called {@code wanted} in the section header table {@code headers}. */
    private long[] sectionNamed(String wanted, ByteBuffer headers, ByteBuffer names, long shnum, int shentsize)
            throws IOException {
        for (int i = 0; i < shnum; i++) {
            int at = i * shentsize;
            if (wanted.equals(cString(names, headers.getInt(at)))) {
                long offset = headers.getLong(at + 24);
                long size = headers.getLong(at + 32);
                if (headers.getInt(at + 4) == SHT_NOBITS || offset + size > fileSize || offset < 0 || size < 0) {
                    throw fail("its " + wanted + " section has no data in the file");
                }
                return new long[] {offset, size};
            }
        }
        throw fail("it has no " + wanted + " section (not a CUDA library, or one without device code)");
    }

    private List<List<CudaCode>> readContainers(long start, long end) throws IOException {
        List<List<CudaCode>> containers = new ArrayList<>();
        long p = start;
        while (p + 16 <= end) {
            ByteBuffer header = read(p, 16);
            if (header.getInt(0) != FATBIN_MAGIC) {
                // Containers of different object files may be separated by alignment padding.
                p = nextMagic(p + 1, end);
                if (p < 0) {
                    break;
                }
                continue;
            }
            int headerSize = Short.toUnsignedInt(header.getShort(6));
            long size = header.getLong(8);
            long entries = p + headerSize;
            long containerEnd = entries + size;
            if (headerSize < 16 || size < 0 || containerEnd > end || containerEnd < entries) {
                throw fail("the fat-binary container at file offset " + p + " runs past the end of " + SECTION);
            }
            containers.add(readEntries(entries, containerEnd));
            p = containerEnd;
        }
        if (containers.isEmpty()) {
            throw fail("its " + SECTION + " section holds no fat-binary container (magic 0xBA55ED50)");
        }
        return containers;
    }

    private List<CudaCode> readEntries(long start, long end) throws IOException {
        List<CudaCode> codes = new ArrayList<>();
        long e = start;
        while (e < end) {
            if (e + MIN_ENTRY_HEADER > end) {
                throw fail("a fat-binary entry header at file offset " + e + " is cut off");
            }
            ByteBuffer h = read(e, MIN_ENTRY_HEADER);
            int kind = Short.toUnsignedInt(h.getShort(0));
            long headerSize = Integer.toUnsignedLong(h.getInt(4));
            long payload = h.getLong(8);
            long arch = Integer.toUnsignedLong(h.getInt(28));
            long next = e + headerSize + payload;
            if (headerSize < MIN_ENTRY_HEADER || payload < 0 || next > end || next <= e) {
                throw fail("the fat-binary entry at file offset " + e + " runs past the end of its container");
            }
            if (kind == KIND_PTX || kind == KIND_ELF) {
                if (arch < 10 || arch > 999) {
                    throw fail("the fat-binary entry at file offset " + e + " names architecture sm_" + arch);
                }
                codes.add(kind == KIND_PTX ? CudaCode.ptx((int) arch) : CudaCode.sass((int) arch));
            }
            e = next;
        }
        return codes;
    }

    /** The file offset of the next container magic at or after {@code from}, or -1. */
    private long nextMagic(long from, long end) throws IOException {
        final int chunk = 1 << 16;
        for (long p = from; p + 4 <= end; p += chunk - 3) {
            int n = (int) Math.min(chunk, end - p);
            ByteBuffer b = read(p, n);
            for (int i = 0; i + 4 <= n; i++) {
                if (b.getInt(i) == FATBIN_MAGIC) {
                    return p + i;
                }
            }
        }
        return -1;
    }

    private ByteBuffer read(long position, int length) throws IOException {
        if (position < 0 || position + length > fileSize) {
            throw fail("it ends before offset " + (position + length) + " (a truncated file?)");
        }
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) {
                throw fail("it ends early");
            }
        }
        return b.flip();
    }

    private static String cString(ByteBuffer b, int at) {
        if (at < 0 || at >= b.limit()) {
            return "";
        }
        int end = at;
        while (end < b.limit() && b.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - at];
        b.get(at, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private IOException fail(String why) {
        return new IOException(file + ": " + why);
    }
}
