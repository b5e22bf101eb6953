package dev.imagecatalog.catalog.snapshot;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Where things lie in a snapshot file (format version {@value #FORMAT_VERSION}).
 *
 * <p>The header: the magic {@code ICSNAPSH}, the format version, the number of sections, the
 * file's length and the CRC-32 of all that and of what follows it up to the first section: the
 * section table (each section's offset and length), then the CRC-32 of each section's pieces,
 * section after section. A piece is {@link #PIECE_BYTES} (a section's last one shorter): what a
 * reader checks at a time, so that a large answer can be sent a piece at a time while it is read,
 * each piece checked before any of its bytes leaves. The sections, in this order: {@link #META} (the image
 * count, the block size, and the compiled answer's entity tag), {@link #ANSWER} (the default
 * answer's bytes), {@link #CUTS} (where each image it lists ends in it), {@link #STRINGS} (label
 * keys and values, each once), {@link #IDS} and {@link #REFERENCES} (sorted tables: id keys, and
 * every familiar and canonical reference, with the image's position), {@link #LABELS} (a sorted
 * table of label keys and key-value pairs) with their {@link #POSTINGS} (ascending positions),
 * {@link #GZIP_ANSWER} (the default answer gzipped, for the clients that take gzip: a quarter of
 * its size to read, and nothing to compress on the first request), then the images in answer
 * order, {@link #BLOCK_SIZE} to a section.
 *
 * <p>The checksums are CRC-32 (zlib's), not CRC-32C: a native image runs java.util.zip.CRC32 as
 * zlib's C code and CRC32C as plain Java, which checks a section 2.5 times slower (43 MB: 33 ms
 * against 13 ms, measured with the JVM's intrinsics off); on the JVM both are intrinsics.
 */
final class Layout {

    static final byte[] MAGIC = "ICSNAPSH".getBytes(StandardCharsets.US_ASCII);
    /**
     * The format this build writes and reads; another is refused with a line that says to compile
     * again. It must change whenever the layout, or the way the compiled default answer is
     * rendered, changes: that answer is served as stored.
     */
    static final int FORMAT_VERSION = 5;
    /** Magic, version, section count, file length, header checksum. */
    static final int HEADER_BYTES = 8 + 4 + 4 + 8 + 4;
    /** Offset, length. */
    static final int TABLE_ENTRY_BYTES = 8 + 8;
    /** Each piece of a section has its own CRC-32: read and checked while its bytes are in the cache. */
    static final int PIECE_BYTES = 1 << 20;

    static final int META = 0;
    static final int ANSWER = 1;
    static final int CUTS = 2;
    static final int STRINGS = 3;
    static final int IDS = 4;
    static final int REFERENCES = 5;
    static final int LABELS = 6;
    static final int POSTINGS = 7;
    static final int GZIP_ANSWER = 8;
    static final int FIRST_BLOCK = 9;

    /** Images to a block: what a request that needs one image reads and checks (tens of kilobytes). */
    static final int BLOCK_SIZE = 256;

    /** In a {@link #REFERENCES} value: the string is a canonical reference (else only a familiar one). */
    static final int CANONICAL = 1 << 31;

    /** The {@link #LABELS} key of a label key; null for a key no snapshot can hold (see {@link Cursor#utf8}). */
    static byte[] labelKey(String key) {
        byte[] k = Cursor.utf8OrNull(key);
        if (k == null) {
            return null;
        }
        byte[] out = new byte[1 + k.length];
        out[0] = 'K';
        System.arraycopy(k, 0, out, 1, k.length);
        return out;
    }

    /** The {@link #LABELS} key of a label key with a value: the key's length first, so that no two pairs share one; or null. */
    static byte[] labelKey(String key, String value) {
        byte[] k = Cursor.utf8OrNull(key);
        byte[] v = Cursor.utf8OrNull(value);
        if (k == null || v == null) {
            return null;
        }
        byte[] out = new byte[1 + 4 + k.length + v.length];
        ByteBuffer.wrap(out).put((byte) 'V').putInt(k.length).put(k).put(v);
        return out;
    }

    /** How many pieces a section of this length has (none when empty). */
    static long pieces(long sectionLength) {
        return (sectionLength + PIECE_BYTES - 1) / PIECE_BYTES;
    }

    /**
     * The CRC-32 of the header after the magic (the checksum's own field as zero), the table, and the
     * pieces' checksums: {@code head} holds the header and what follows it, {@code more} the rest (or nothing).
     */
    static int headerChecksum(ByteBuffer head, ByteBuffer more) {
        CRC32 crc = new CRC32();
        ByteBuffer fields = head.duplicate();
        fields.position(MAGIC.length).limit(HEADER_BYTES - 4);
        crc.update(fields);
        crc.update(new byte[4]);
        fields.limit(head.capacity()).position(HEADER_BYTES);
        crc.update(fields);
        crc.update(more.duplicate());
        return (int) crc.getValue();
    }

    private Layout() {
    }
}
