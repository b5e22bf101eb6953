package dev.imagecatalog.catalog.memory;

import java.nio.ByteBuffer;

/**
 * Off-heap memory for large bytes written once and then only read: a snapshot's sections (tens of
 * megabytes for a 100,000-image catalog's default answer and image blocks) and the stored answers.
 * Whoever asks fills it before anything else sees it, and it is freed once unreachable. It counts
 * against the direct memory limit as direct buffers do (over it, the JDK collects and waits for
 * the freeing before it refuses with an OutOfMemoryError).
 *
 * <p>On the JVM, direct buffers. The native image replaces {@link #buffer}, {@link #region} and
 * {@link #reserve} ({@link OffHeapInNativeImage}) with anonymous mappings advised for transparent
 * huge pages and not zeroed: there a direct buffer is zeroed by a Java loop and then faulted in
 * 4 KiB at a time, which was half of a 100,000-image snapshot's first answer.
 */
public final class OffHeap {

    /** Below this, a mapping of its own is not worth a system call and an entry in the process's map table. */
    static final int MAPPED_FROM = 256 * 1024;

    /** One mapping for a whole region, or null: a direct buffer per part. */
    private final ByteBuffer region;
    /** What the region's parts have reserved of the direct memory limit: given back when the mapping goes. */
    private final Reserved reserved;

    OffHeap(ByteBuffer region, Reserved reserved) {
        this.region = region;
        this.reserved = reserved;
    }

    /** A buffer of {@code length} bytes, its contents undefined until the caller fills it. */
    public static ByteBuffer buffer(int length) {
        return ByteBuffer.allocateDirect(length);
    }

    /**
     * Memory for the parts of a region of {@code length} bytes (a snapshot file, its sections the
     * parts), each asked for with {@link #part} when first needed: a part never asked for costs
     * address space only, and counts against the direct memory limit only once asked for.
     */
    public static OffHeap region(long length) {
        return new OffHeap(null, null);
    }

    /**
     * A buffer for the part at {@code offset}, its contents undefined until the caller fills it.
     * Parts must not overlap (a snapshot's sections tile the file: SnapshotHeader checks that). A part
     * asked for again (after a failed read) counts again until the region goes: the limit errs on the
     * safe side.
     */
    public ByteBuffer part(long offset, int length) {
        if (region == null) {
            return buffer(length);
        }
        reserve(length);
        reserved.add(length);
        return region.slice((int) offset, length);
    }

    /** Counts {@code bytes} against the direct memory limit (in the native image; a region exists only there). */
    static void reserve(long bytes) {
        throw new UnsupportedOperationException("a region of one mapping exists only in the native image");
    }

    /** The bytes and parts a region has reserved. */
    static final class Reserved {
        private long bytes;
        private int parts;

        synchronized void add(long length) {
            bytes += length;
            parts++;
        }

        synchronized long bytes() {
            return bytes;
        }

        synchronized int parts() {
            return parts;
        }
    }
}
