package dev.imagecatalog.catalog.memory;

import java.nio.ByteBuffer;

/**
 * Off-heap memory for large bytes written once and then only read: a snapshot's sections (tens of
 * megabytes for a 100,000-image catalog's default answer and image blocks) and the stored answers.
 * Whoever asks fills it before anything else sees it, and it is freed once unreachable.
 *
 * <p>On the JVM, direct buffers. The native image replaces {@link #buffer} and {@link #region}
 * ({@link OffHeapInNativeImage}) with anonymous mappings advised for transparent huge pages and not
 * zeroed: there a direct buffer is zeroed by a Java loop and then faulted in 4 KiB at a time, which
 * was half of a 100,000-image snapshot's first answer.
 */
public final class OffHeap {

    /** Below this, a mapping of its own is not worth a system call and an entry in the process's map table. */
    static final int MAPPED_FROM = 256 * 1024;

    /** One mapping for a whole region, or null: a direct buffer per part. */
    private final ByteBuffer region;

    OffHeap(ByteBuffer region) {
        this.region = region;
    }

    /** A buffer of {@code length} bytes, its contents undefined until the caller fills it. */
    public static ByteBuffer buffer(int length) {
        return ByteBuffer.allocateDirect(length);
    }

    /**
     * Memory for the parts of a region of {@code length} bytes (a snapshot file, its sections the
     * parts), each asked for with {@link #part} when first needed: a part never asked for costs
     * address space only.
     */
    public static OffHeap region(long length) {
        return new OffHeap(null);
    }

    /**
     * A buffer for the part at {@code offset}, its contents undefined until the caller fills it.
     * Parts must not overlap (a snapshot's sections tile the file: SnapshotHeader checks that).
     */
    public ByteBuffer part(long offset, int length) {
        return region == null ? buffer(length) : region.slice((int) offset, length);
    }
}
